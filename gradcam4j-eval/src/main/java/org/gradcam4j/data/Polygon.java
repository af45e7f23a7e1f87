package org.gradcam4j.data;

/** A simple polygon with the even-odd inside test; vertices in order, the last joined to the first. */
final class Polygon {
  private final double[] xs;
  private final double[] ys;

  Polygon(double[] xs, double[] ys) {
    if (xs.length != ys.length || xs.length < 3) {
      throw new IllegalArgumentException("a polygon needs at least 3 vertices with x and y each");
    }
    this.xs = xs.clone();
    this.ys = ys.clone();
  }

  /** A star with {@code points} tips on the unit circle and its inner corners at {@code inner}. */
  static Polygon star(int points, double inner) {
    int n = 2 * points;
    double[] xs = new double[n];
    double[] ys = new double[n];
    for (int k = 0; k < n; k++) {
      // StrictMath: the vertices, hence every mask, must be bit-identical on every JVM.
      double angle = -StrictMath.PI / 2 + k * StrictMath.PI / points;
      double r = k % 2 == 0 ? 1 : inner;
      xs[k] = r * StrictMath.cos(angle);
      ys[k] = r * StrictMath.sin(angle);
    }
    return new Polygon(xs, ys);
  }

  boolean contains(double x, double y) {
    boolean inside = false;
    for (int i = 0, j = xs.length - 1; i < xs.length; j = i++) {
      if ((ys[i] > y) != (ys[j] > y)
          && x < (xs[j] - xs[i]) * (y - ys[i]) / (ys[j] - ys[i]) + xs[i]) {
        inside = !inside;
      }
    }
    return inside;
  }
}
