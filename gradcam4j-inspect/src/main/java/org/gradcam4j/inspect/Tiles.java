package org.gradcam4j.inspect;

import org.gradcam4j.image.RgbImage;

/** Small image helpers shared by the inspection views: grey tiles from values, nearest-neighbour enlargement. */
public final class Tiles {
  private Tiles() {}

  /**
   * {@code round(255 * (v - min) / (max - min))}, clamped to 0..255; a flat range ({@code max <= min})
   * gives mid-grey 128, so that a constant kernel is visibly neither black nor white.
   */
  public static int level(float v, float min, float max) {
    if (!(max > min)) {
      return 128;
    }
    long l = Math.round(255.0 * ((double) v - min) / ((double) max - min));
    return (int) Math.max(0, Math.min(255, l));
  }

  /** A grey tile of an {@code h} x {@code w} row-major plane starting at {@code offset}, scaled to [min, max]. */
  public static RgbImage grey(float[] values, int offset, int h, int w, float min, float max) {
    RgbImage tile = RgbImage.blank(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int l = level(values[offset + y * w + x], min, max);
        tile.set(x, y, 0, l);
        tile.set(x, y, 1, l);
        tile.set(x, y, 2, l);
      }
    }
    return tile;
  }

  /** Each pixel becomes a {@code factor} x {@code factor} block (kernels of 3x3 pixels stay sharp when shown large). */
  public static RgbImage enlarge(RgbImage image, int factor) {
    if (factor == 1) {
      return image;
    }
    RgbImage out = RgbImage.blank(image.width() * factor, image.height() * factor);
    for (int y = 0; y < out.height(); y++) {
      for (int x = 0; x < out.width(); x++) {
        for (int c = 0; c < 3; c++) {
          out.set(x, y, c, image.get(x / factor, y / factor, c));
        }
      }
    }
    return out;
  }

  /** The enlargement factor that brings a side of {@code size} pixels to about {@code target} (at least 1). */
  public static int factorFor(int size, int target) {
    return Math.max(1, Math.round((float) target / size));
  }
}
