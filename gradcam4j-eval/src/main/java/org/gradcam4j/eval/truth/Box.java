package org.gradcam4j.eval.truth;

/**
 * An axis-aligned box in pixel-edge coordinates: it covers {@code x0 <= x < x1}, {@code y0 <= y < y1},
 * so pixel {@code (i, j)} (the unit square from {@code (i, j)} to {@code (i + 1, j + 1)}) is inside when
 * {@code x0 <= i} and {@code i + 1 <= x1}. A box around pixels 10..19 is {@code (10, *, 20, *)} and is
 * 10 pixels wide. Coordinates may be fractional (e.g. after rescaling).
 */
public record Box(double x0, double y0, double x1, double y1) {
  public Box {
    if (!(x1 >= x0) || !(y1 >= y0)) {
      throw new IllegalArgumentException("box corners out of order: (" + x0 + ", " + y0 + ") - ("
          + x1 + ", " + y1 + ")");
    }
  }

  /** {@code x1 - x0}. */
  public double width() {
    return x1 - x0;
  }

  /** {@code y1 - y0}. */
  public double height() {
    return y1 - y0;
  }

  /** Width times height. */
  public double area() {
    return width() * height();
  }

  /** Area of the overlap with {@code other} (0 when they do not overlap). */
  public double intersectionArea(Box other) {
    double w = Math.min(x1, other.x1) - Math.max(x0, other.x0);
    double h = Math.min(y1, other.y1) - Math.max(y0, other.y0);
    return w <= 0 || h <= 0 ? 0 : w * h;
  }

  /** Intersection over union with {@code other}; 0 when both are empty. */
  public double iou(Box other) {
    double inter = intersectionArea(other);
    double union = area() + other.area() - inter;
    return union <= 0 ? 0 : inter / union;
  }

  /** Whether the two boxes overlap in an area (boxes that only touch do not). */
  public boolean intersects(Box other) {
    return x0 < other.x1 && other.x0 < x1 && y0 < other.y1 && other.y0 < y1;
  }

  /** Whether the box lies entirely inside a {@code width x height} image. */
  public boolean fitsIn(int width, int height) {
    return x0 >= 0 && y0 >= 0 && x1 <= width && y1 <= height;
  }

  /** Whether the centre of pixel {@code (px, py)} lies inside. */
  public boolean containsPixel(int px, int py) {
    double cx = px + 0.5;
    double cy = py + 0.5;
    return cx >= x0 && cx < x1 && cy >= y0 && cy < y1;
  }

  /** Euclidean distance from the centre of pixel {@code (px, py)} to the box (0 inside). */
  public double distanceToPixel(int px, int py) {
    double cx = px + 0.5;
    double cy = py + 0.5;
    double dx = Math.max(0, Math.max(x0 - cx, cx - x1));
    double dy = Math.max(0, Math.max(y0 - cy, cy - y1));
    return Math.hypot(dx, dy);
  }

  /**
   * The box under {@code x -> x * scaleX + offsetX}, {@code y -> y * scaleY + offsetY}: for example a
   * resize by {@code s} followed by a crop at {@code (left, top)} is {@code (s, s, -left, -top)}.
   */
  public Box transformed(double scaleX, double scaleY, double offsetX, double offsetY) {
    double ax = x0 * scaleX + offsetX;
    double bx = x1 * scaleX + offsetX;
    double ay = y0 * scaleY + offsetY;
    double by = y1 * scaleY + offsetY;
    return new Box(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
  }

  /** The part inside a {@code width x height} image (possibly empty). */
  public Box clipped(int width, int height) {
    double cx0 = Math.min(Math.max(x0, 0), width);
    double cy0 = Math.min(Math.max(y0, 0), height);
    return new Box(cx0, cy0, Math.max(cx0, Math.min(x1, width)), Math.max(cy0, Math.min(y1, height)));
  }

  /** Whether the box has no area. */
  public boolean isEmpty() {
    return !(x1 > x0 && y1 > y0);
  }
}
