package org.gradcam4j.inspect.patches;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.Grid;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.Tiles;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.StrictJson;

/**
 * Draws {@link TopPatches}: a row per channel, its k patches (the unit's receptive field cut from the
 * pre-processed image, mid-grey where the field reaches past the border) captioned with image and
 * activation. Writes {@code top-patches.png}, {@code top-patches.json} and {@code top-patches.csv}
 * (channel, rank, image, y, x, value, box top/left/bottom/right in input pixels, bottom and right
 * exclusive, unclipped).
 */
public final class TopPatchesView {
  /** Patches are shown at about this size: small fields enlarged, large ones scaled down. */
  private static final int TILE_TARGET = 112;
  private static final int PAD_LEVEL = 128;

  private TopPatchesView() {}

  public record Written(Path png, Path json, Path csv) {}

  public static Written write(TopPatches t, ImageFolder folder, Preprocessing preprocessing, Path outDir) {
    ReceptiveField f = t.field();
    int factor = Math.max(f.height(), f.width()) < TILE_TARGET ? Tiles.factorFor(Math.max(f.height(), f.width()), TILE_TARGET) : 1;
    int tileW = Math.min(f.width() * factor, 2 * TILE_TARGET);
    int tileH = Math.min(f.height() * factor, 2 * TILE_TARGET);
    Map<Integer, RgbImage> images = new HashMap<>();
    List<String> headers = new ArrayList<>();
    for (int r = 0; r < t.k(); r++) {
      headers.add("#" + (r + 1));
    }
    Montage sheet = new Montage(tileW, tileH, headers);
    StringBuilder csv = new StringBuilder("channel,rank,image,y,x,value,top,left,bottom,right\n");
    List<Map<String, Object>> channels = new ArrayList<>();
    for (TopPatches.Channel c : t.channels()) {
      List<Montage.Cell> row = new ArrayList<>();
      List<Map<String, Object>> patches = new ArrayList<>();
      for (int r = 0; r < c.hits().size(); r++) {
        TopUnits.Hit h = c.hits().get(r);
        RgbImage image = images.computeIfAbsent(h.image(),
            i -> folder.read(i, i + 1, preprocessing).images().get(0));
        int[] box = f.box(h.y(), h.x());
        String name = folder.files().get(h.image()).getFileName().toString();
        row.add(new Montage.Cell(Tiles.enlarge(crop(image, box), factor),
            "c" + c.channel() + " " + String.format(Locale.ROOT, "%.3g", h.value())));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rank", r);
        p.put("image", name);
        p.put("y", h.y());
        p.put("x", h.x());
        p.put("value", h.value());
        p.put("box", box);
        p.put("seen", f.seenBox(h.y(), h.x()));
        patches.add(p);
        csv.append(c.channel()).append(',').append(r).append(',').append(csvField(name)).append(',').append(h.y())
            .append(',').append(h.x()).append(',').append(h.value()).append(',').append(box[0]).append(',')
            .append(box[1]).append(',').append(box[2]).append(',').append(box[3]).append('\n');
      }
      while (row.size() < t.k()) {
        row.add(new Montage.Cell(Grid.blank(tileW, tileH), ""));
      }
      sheet.addRow(row);
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("channel", c.channel());
      e.put("score", c.score());
      e.put("patches", patches);
      channels.add(e);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("layer", t.layer().name());
    json.put("layerShape", new int[] {t.layer().channels(), t.layer().height(), t.layer().width()});
    json.put("receptiveField", Map.of("height", f.height(), "width", f.width(), "strideY", f.strideY(),
        "strideX", f.strideX(), "offsetY", f.loY(), "offsetX", f.loX()));
    json.put("box", "[top, left, bottom, right] in pre-processed input pixels; bottom and right exclusive;"
        + " may reach past the image, where the patch is mid-grey. seen: the box of the input pixels the unit"
        + " actually reaches (inside the image; padding reaches none)");
    json.put("k", t.k());
    json.put("imagesRead", t.imagesRead());
    json.put("channels", channels);
    json.put("skipped", skippedList(t.skipped()));
    byte[] png = PngWriter.encode(sheet.render());
    byte[] jsonBytes = StrictJson.write(json);
    Path pngFile = outDir.resolve("top-patches.png");
    Path jsonFile = outDir.resolve("top-patches.json");
    Path csvFile = outDir.resolve("top-patches.csv");
    AtomicFiles.write(pngFile, png);
    AtomicFiles.writeString(csvFile, csv.toString());
    AtomicFiles.write(jsonFile, jsonBytes);
    return new Written(pngFile, jsonFile, csvFile);
  }

  /** The box [top, left, bottom, right) of {@code image}, mid-grey outside the image. */
  public static RgbImage crop(RgbImage image, int[] box) {
    RgbImage out = RgbImage.blank(box[3] - box[1], box[2] - box[0]);
    for (int y = box[0]; y < box[2]; y++) {
      for (int x = box[1]; x < box[3]; x++) {
        boolean inside = y >= 0 && x >= 0 && y < image.height() && x < image.width();
        for (int c = 0; c < 3; c++) {
          out.set(x - box[1], y - box[0], c, inside ? image.get(x, y, c) : PAD_LEVEL);
        }
      }
    }
    return out;
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  static List<Map<String, String>> skippedList(List<ImageFolder.Skipped> skipped) {
    List<Map<String, String>> list = new ArrayList<>();
    for (ImageFolder.Skipped s : skipped) {
      list.add(Map.of("file", s.file().getFileName().toString(), "reason", s.reason()));
    }
    return list;
  }
}
