package org.gradcam4j.inspect;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.image.Montage;
import org.gradcam4j.image.RgbImage;

/** Lays out captioned tiles of one size in rows of a fixed width, padding the last row with blank cells. */
public final class Grid {
  private Grid() {}

  /** Background-coloured tile, so that padding cells do not read as black data. */
  public static RgbImage blank(int width, int height) {
    RgbImage b = RgbImage.blank(width, height);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        b.set(x, y, 0, 0xf5);
        b.set(x, y, 1, 0xf5);
        b.set(x, y, 2, 0xf2);
      }
    }
    return b;
  }

  /** {@code cells} in rows of {@code columns}; every tile must be {@code tileWidth} x {@code tileHeight}. */
  public static Montage wrapped(List<Montage.Cell> cells, int columns, int tileWidth, int tileHeight) {
    int cols = Math.max(1, Math.min(columns, cells.size()));
    List<String> headers = new ArrayList<>();
    for (int i = 0; i < cols; i++) {
      headers.add("");
    }
    Montage m = new Montage(tileWidth, tileHeight, headers);
    for (int start = 0; start < cells.size(); start += cols) {
      List<Montage.Cell> row = new ArrayList<>(cells.subList(start, Math.min(cells.size(), start + cols)));
      while (row.size() < cols) {
        row.add(new Montage.Cell(blank(tileWidth, tileHeight), ""));
      }
      m.addRow(row);
    }
    return m;
  }
}
