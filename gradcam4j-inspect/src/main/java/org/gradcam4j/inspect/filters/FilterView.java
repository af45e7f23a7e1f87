package org.gradcam4j.inspect.filters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.Grid;
import org.gradcam4j.inspect.Tiles;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.gradcam4j.io.StrictJson;

/**
 * Writes a convolution's kernels: {@code filters.png} (the tiles, enlarged), {@code filters.npy} (the
 * raw weights [M, C/group, kh, kw], as stored in the model) and {@code filters.json} (the layer, its
 * grouping, the scaling and each filter's black and white values). Everything is computed before the
 * first file is written, and each file is written whole or not at all.
 */
public final class FilterView {
  /** Tiles are enlarged to about this many pixels a side. */
  public static final int TILE_TARGET = 48;
  private static final int COLUMNS = 8;

  private FilterView() {}

  /** The files written. */
  public record Written(Path png, Path npy, Path json, int filtersShown) {}

  /**
   * @param maxFilters at most this many filters are drawn (the first ones); the .npy always holds all
   * @param maxChannels for grey per-channel tiles, at most this many input channels per filter are drawn
   */
  public static Written write(FilterTiles t, Path outDir, int maxFilters, int maxChannels) {
    ConvLayer l = t.layer();
    int shown = Math.min(maxFilters, l.filters());
    Montage sheet = sheet(t, shown, maxChannels);
    RgbImage png = sheet.render();
    byte[] json = StrictJson.write(describe(t, shown, Math.min(maxChannels, l.channelsPerFilter())));
    Path pngFile = outDir.resolve("filters.png");
    Path npyFile = outDir.resolve("filters.npy");
    Path jsonFile = outDir.resolve("filters.json");
    byte[] pngBytes = PngWriter.encode(png);
    AtomicFiles.write(npyFile, Npy.toBytes(l.shape(), l.weights()));
    AtomicFiles.write(pngFile, pngBytes);
    AtomicFiles.write(jsonFile, json);
    return new Written(pngFile, npyFile, jsonFile, shown);
  }

  /** Each kernel pixel becomes a block of this many pixels a side in the PNG. */
  static int enlargement(ConvLayer l) {
    return Tiles.factorFor(Math.max(l.kernelHeight(), l.kernelWidth()), TILE_TARGET);
  }

  /**
   * The grid: rows of 8 filters when each filter is one tile (colour, channel mean, depthwise), else a row
   * per filter with a column per input channel.
   */
  static Montage sheet(FilterTiles t, int shown, int maxChannels) {
    ConvLayer l = t.layer();
    int factor = enlargement(l);
    int tw = l.kernelWidth() * factor;
    int th = l.kernelHeight() * factor;
    if (t.tiles().get(0).size() == 1) {
      List<Montage.Cell> cells = new ArrayList<>();
      for (int f = 0; f < shown; f++) {
        cells.add(new Montage.Cell(Tiles.enlarge(t.tiles().get(f).get(0), factor), "#" + f));
      }
      return Grid.wrapped(cells, COLUMNS, tw, th);
    }
    int channels = Math.min(maxChannels, l.channelsPerFilter());
    List<String> headers = new ArrayList<>();
    for (int c = 0; c < channels; c++) {
      headers.add("in " + c);
    }
    Montage sheet = new Montage(tw, th, headers);
    for (int f = 0; f < shown; f++) {
      List<Montage.Cell> row = new ArrayList<>();
      for (int c = 0; c < channels; c++) {
        row.add(new Montage.Cell(Tiles.enlarge(t.tiles().get(f).get(c), factor), "#" + f + " c" + l.inputChannel(f, c)));
      }
      sheet.addRow(row);
    }
    return sheet;
  }

  private static Map<String, Object> describe(FilterTiles t, int shown, int channelsShown) {
    ConvLayer l = t.layer();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("node", l.node());
    m.put("weight", l.weight());
    m.put("output", l.output());
    m.put("shape", l.shape());
    m.put("group", l.group());
    m.put("tiles", t.colour() ? "rgb" : t.channelMean() ? "channel-mean" : "per-channel");
    m.put("scale", t.scale().toString());
    m.put("levels", "round(255 * (w - min) / (max - min)), 128 where max == min");
    m.put("filtersShown", shown);
    if (!t.colour() && !t.channelMean()) {
      m.put("channelsShown", channelsShown);
    }
    List<Map<String, Object>> filters = new ArrayList<>();
    for (int f = 0; f < l.filters(); f++) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("filter", f);
      e.put("group", l.groupOf(f));
      e.put("firstInputChannel", l.inputChannel(f, 0));
      e.put("min", t.min()[f]);
      e.put("max", t.max()[f]);
      filters.add(e);
    }
    m.put("filters", filters);
    m.put("files", Map.of("png", "filters.png", "npy", "filters.npy"));
    return m;
  }
}
