package org.gradcam4j.data;

/**
 * An axis-aligned pixel rectangle: columns {@code x0 <= x < x1}, rows {@code y0 <= y < y1}. The
 * lower corner is inclusive and the upper corner exclusive, so {@code x1 - x0} is the width in pixels
 * and a one-pixel box at (3, 4) is {@code (3, 4, 4, 5)}.
 */
public record BoundingBox(int x0, int y0, int x1, int y1) {
  public BoundingBox {
    if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
      throw new IllegalArgumentException("a bounding box needs 0 <= x0 < x1 and 0 <= y0 < y1, got ("
          + x0 + ", " + y0 + ", " + x1 + ", " + y1 + ")");
    }
  }

  /** Width in pixels ({@code x1 - x0}). */
  public int width() {
    return x1 - x0;
  }

  /** Height in pixels ({@code y1 - y0}). */
  public int height() {
    return y1 - y0;
  }

  /** Number of pixels in the box. */
  public int area() {
    return width() * height();
  }

  /** Whether the pixel (x, y) lies in the box. */
  public boolean contains(int x, int y) {
    return x >= x0 && x < x1 && y >= y0 && y < y1;
  }

  /** Whether the box lies entirely inside an image of the given size. */
  public boolean fitsIn(int width, int height) {
    return x1 <= width && y1 <= height;
  }

  /** Whether the two boxes share at least one pixel. */
  public boolean intersects(BoundingBox other) {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }
}
