package org.gradcam4j.inspect.activations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.Overlay;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.Grid;
import org.gradcam4j.inspect.Tiles;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.gradcam4j.io.StrictJson;

/**
 * Writes one image's channels: {@code activations.png} (a grid of the channels, highest mean first,
 * captioned "c&lt;index&gt; &lt;mean&gt;", all drawn in viridis on the layer's one min-max range so that
 * tiles compare), {@code activations.npy} (the whole tensor [1, C, H, W]) and {@code activations.json}
 * (the ranking).
 */
public final class ActivationView {
  private static final int TILE_TARGET = 64;
  private static final int COLUMNS = 8;

  private ActivationView() {}

  public record Written(Path png, Path npy, Path json, int channelsShown) {}

  public static Written write(ChannelActivations a, Path outDir, int maxChannels, String image) {
    int h = a.layer().height();
    int w = a.layer().width();
    int plane = h * w;
    int factor = Tiles.factorFor(Math.max(h, w), TILE_TARGET);
    float[] range = a.range();
    float span = range[1] > range[0] ? range[1] - range[0] : 1f;
    int shown = Math.min(maxChannels, a.order().length);
    List<Montage.Cell> cells = new ArrayList<>();
    float[] map = new float[plane];
    for (int r = 0; r < shown; r++) {
      int ch = a.order()[r];
      for (int i = 0; i < plane; i++) {
        map[i] = (a.values().data()[ch * plane + i] - range[0]) / span;
      }
      RgbImage tile = Tiles.enlarge(Overlay.heatmap(map, w, h, Colormap.VIRIDIS), factor);
      cells.add(new Montage.Cell(tile, "c" + ch + " " + String.format(Locale.ROOT, "%.3g", a.means()[ch])));
    }
    byte[] png = PngWriter.encode(Grid.wrapped(cells, COLUMNS, w * factor, h * factor).render());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("image", image);
    json.put("layer", a.layer().name());
    json.put("shape", a.values().shape());
    json.put("range", range);
    json.put("channelsShown", shown);
    List<Map<String, Object>> ranking = new ArrayList<>();
    for (int r = 0; r < a.order().length; r++) {
      ranking.add(Map.of("rank", r, "channel", a.order()[r], "mean", a.means()[a.order()[r]]));
    }
    json.put("channels", ranking);
    byte[] jsonBytes = StrictJson.write(json);
    Path pngFile = outDir.resolve("activations.png");
    Path npyFile = outDir.resolve("activations.npy");
    Path jsonFile = outDir.resolve("activations.json");
    AtomicFiles.write(npyFile, Npy.toBytes(a.values().shape(), a.values().data()));
    AtomicFiles.write(pngFile, png);
    AtomicFiles.write(jsonFile, jsonBytes);
    return new Written(pngFile, npyFile, jsonFile, shown);
  }
}
