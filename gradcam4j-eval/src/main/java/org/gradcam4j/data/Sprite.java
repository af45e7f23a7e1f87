package org.gradcam4j.data;

/**
 * A figure rasterised with exact inside tests: for every pixel, how many of its
 * {@value #SUBSAMPLES}x{@value #SUBSAMPLES} sub-pixel points lie inside. The counts give soft edges
 * when drawn and a reproducible ownership per pixel; no renderer with its own anti-aliasing is involved.
 * Pixel (x, y) spans {@code [x, x+1) x [y, y+1)} in image coordinates.
 */
final class Sprite {
  static final int SUBSAMPLES = 4;
  static final int FULL = SUBSAMPLES * SUBSAMPLES;
  /** Radius of a disc around a pixel centre that holds the whole pixel (a bit over sqrt(2) / 2). */
  private static final double HALF_DIAGONAL = 0.7072;

  /** Top-left pixel and size of the rectangle holding every covered pixel. */
  final int x0;
  final int y0;
  final int width;
  final int height;
  /** Covered sub-pixel points (0..{@link #FULL}) per pixel of the rectangle, row by row. */
  private final byte[] coverage;

  private Sprite(int x0, int y0, int width, int height, byte[] coverage) {
    this.x0 = x0;
    this.y0 = y0;
    this.width = width;
    this.height = height;
    this.coverage = coverage;
  }

  /**
   * Rasterises {@code region} centred at image point (cx, cy). The result is trimmed to the covered
   * pixels; it is empty ({@code width == 0}) when no sub-pixel point is inside.
   */
  static Sprite rasterise(Region region, double cx, double cy) {
    double radius = region.radius();
    int gx0 = (int) Math.floor(cx - radius) - 1;
    int gy0 = (int) Math.floor(cy - radius) - 1;
    int gx1 = (int) Math.ceil(cx + radius) + 1;
    int gy1 = (int) Math.ceil(cy + radius) + 1;
    int gw = gx1 - gx0;
    int gh = gy1 - gy0;
    byte[] grid = new byte[gw * gh];
    // A pixel whose centre is farther than the radius plus half a pixel diagonal cannot be touched.
    double reach = radius + HALF_DIAGONAL;
    double reach2 = reach * reach;
    int minX = gw;
    int minY = gh;
    int maxX = -1;
    int maxY = -1;
    for (int j = 0; j < gh; j++) {
      double py = gy0 + j - cy;
      double dyc = py + 0.5;
      for (int i = 0; i < gw; i++) {
        double px = gx0 + i - cx;
        double dxc = px + 0.5;
        if (dxc * dxc + dyc * dyc > reach2) {
          continue;
        }
        int count = 0;
        int sure = region.classifyDisc(dxc, dyc, HALF_DIAGONAL);
        if (sure == Region.OUTSIDE) {
          continue;
        }
        if (sure == Region.INSIDE) {
          count = FULL;
        } else {
          for (int sy = 0; sy < SUBSAMPLES; sy++) {
            double y = py + (sy + 0.5) / SUBSAMPLES;
            for (int sx = 0; sx < SUBSAMPLES; sx++) {
              if (region.contains(px + (sx + 0.5) / SUBSAMPLES, y)) {
                count++;
              }
            }
          }
        }
        if (count > 0) {
          grid[j * gw + i] = (byte) count;
          minX = Math.min(minX, i);
          maxX = Math.max(maxX, i);
          minY = Math.min(minY, j);
          maxY = Math.max(maxY, j);
        }
      }
    }
    if (maxX < 0) {
      return new Sprite(gx0, gy0, 0, 0, new byte[0]);
    }
    int w = maxX - minX + 1;
    int h = maxY - minY + 1;
    byte[] trimmed = new byte[w * h];
    for (int j = 0; j < h; j++) {
      System.arraycopy(grid, (j + minY) * gw + minX, trimmed, j * w, w);
    }
    return new Sprite(gx0 + minX, gy0 + minY, w, h, trimmed);
  }

  /** The same coverage moved by whole pixels (which leaves the sub-pixel pattern unchanged). */
  Sprite shifted(int dx, int dy) {
    return new Sprite(x0 + dx, y0 + dy, width, height, coverage);
  }

  boolean isEmpty() {
    return width == 0;
  }

  /** Covered sub-pixel points (0..{@link #FULL}) at image pixel (x, y); 0 outside the rectangle. */
  int coverageAt(int x, int y) {
    int i = x - x0;
    int j = y - y0;
    if (i < 0 || j < 0 || i >= width || j >= height) {
      return 0;
    }
    return coverage[j * width + i];
  }

  /** Whether the rectangle, grown by {@code margin} pixels, overlaps {@code other}'s rectangle. */
  boolean nearlyOverlaps(Sprite other, int margin) {
    return x0 - margin < other.x0 + other.width && other.x0 < x0 + width + margin
        && y0 - margin < other.y0 + other.height && other.y0 < y0 + height + margin;
  }
}
