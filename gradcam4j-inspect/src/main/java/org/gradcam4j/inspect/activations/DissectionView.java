package org.gradcam4j.inspect.activations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.Grid;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.StrictJson;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * Draws a {@link Dissection}: a row per channel, its top images with the region above the threshold
 * at full brightness and the rest dimmed (the channel's map upsampled bilinearly to the pre-processed
 * image, then thresholded). Writes {@code dissect.png}, {@code dissect.json} (thresholds, top images,
 * skipped files) and {@code dissect.csv} (channel, threshold, rank, image, max).
 */
public final class DissectionView {
  private static final float DIM = 0.25f;

  private DissectionView() {}

  public record Written(Path png, Path json, Path csv) {}

  public static Written write(Dissection d, ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      Path outDir) {
    int columns = d.units().stream().mapToInt(u -> u.top().size()).max().orElse(1);
    Map<Integer, RgbImage> images = new HashMap<>();
    Map<Integer, FloatTensor> activations = new HashMap<>();
    int plane = d.layer().height() * d.layer().width();
    int tile = 0;
    List<List<Montage.Cell>> rows = new ArrayList<>();
    for (Dissection.Unit u : d.units()) {
      List<Montage.Cell> row = new ArrayList<>();
      for (Dissection.TopImage t : u.top()) {
        if (!images.containsKey(t.index())) {
          ImageFolder.Batch b = folder.read(t.index(), t.index() + 1, preprocessing);
          images.put(t.index(), b.images().get(0));
          // A model with a fixed batch size gets the image repeated; only the first copy is used.
          FloatTensor input = runtime.fixedBatchSize() > 1 ? b.input().paddedSlice(0, 1, runtime.fixedBatchSize()) : b.input();
          activations.put(t.index(), runtime.forward(input, List.of(d.layer().name())).get(d.layer().name()));
        }
        RgbImage image = images.get(t.index());
        tile = Math.max(tile, Math.max(image.width(), image.height()));
        float[] map = MapOps.resizeBilinear(Dissection.channelMap(activations.get(t.index()), u.channel(), plane),
            d.layer().height(), d.layer().width(), image.height(), image.width());
        row.add(new Montage.Cell(masked(image, map, u.threshold()),
            "c" + u.channel() + " " + t.file().getFileName() + " " + String.format(Locale.ROOT, "%.3g", t.max())));
      }
      rows.add(row);
    }
    List<String> headers = new ArrayList<>();
    for (int c = 0; c < columns; c++) {
      headers.add("#" + (c + 1));
    }
    Montage sheet = new Montage(Math.max(tile, 1), Math.max(tile, 1), headers);
    for (List<Montage.Cell> row : rows) {
      while (row.size() < columns) {
        row.add(new Montage.Cell(Grid.blank(Math.max(tile, 1), Math.max(tile, 1)), ""));
      }
      sheet.addRow(row);
    }
    byte[] png = PngWriter.encode(sheet.render());
    byte[] json = StrictJson.write(describe(d));
    StringBuilder csv = new StringBuilder("channel,threshold,rank,image,max\n");
    for (Dissection.Unit u : d.units()) {
      for (int r = 0; r < u.top().size(); r++) {
        Dissection.TopImage t = u.top().get(r);
        csv.append(u.channel()).append(',').append(u.threshold()).append(',').append(r).append(',')
            .append(csvField(t.file().getFileName().toString())).append(',').append(t.max()).append('\n');
      }
    }
    Path pngFile = outDir.resolve("dissect.png");
    Path jsonFile = outDir.resolve("dissect.json");
    Path csvFile = outDir.resolve("dissect.csv");
    AtomicFiles.write(pngFile, png);
    AtomicFiles.writeString(csvFile, csv.toString());
    AtomicFiles.write(jsonFile, json);
    return new Written(pngFile, jsonFile, csvFile);
  }

  /** The image where {@code map > threshold}, dimmed elsewhere. */
  static RgbImage masked(RgbImage image, float[] map, float threshold) {
    RgbImage out = RgbImage.blank(image.width(), image.height());
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        boolean on = map[y * image.width() + x] > threshold;
        for (int c = 0; c < 3; c++) {
          int v = image.get(x, y, c);
          out.set(x, y, c, on ? v : Math.round(v * DIM));
        }
      }
    }
    return out;
  }

  static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static Map<String, Object> describe(Dissection d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layer", d.layer().name());
    m.put("quantile", d.quantile());
    m.put("threshold", "np.quantile(all values of the channel over the data set, 1 - quantile, method='lower')");
    List<Map<String, Object>> units = new ArrayList<>();
    for (Dissection.Unit u : d.units()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("channel", u.channel());
      e.put("threshold", u.threshold());
      List<Map<String, Object>> top = new ArrayList<>();
      for (Dissection.TopImage t : u.top()) {
        top.add(Map.of("image", t.file().getFileName().toString(), "max", t.max()));
      }
      e.put("top", top);
      units.add(e);
    }
    m.put("channels", units);
    m.put("skipped", skippedList(d.skipped()));
    return m;
  }

  /** Skipped files as JSON objects. */
  public static List<Map<String, String>> skippedList(List<ImageFolder.Skipped> skipped) {
    List<Map<String, String>> list = new ArrayList<>();
    for (ImageFolder.Skipped s : skipped) {
      list.add(Map.of("file", s.file().getFileName().toString(), "reason", s.reason()));
    }
    return list;
  }
}
