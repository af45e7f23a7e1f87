package org.gradcam4j.data;

/**
 * Inside tests of the target figures that need more than one line, in their raw coordinates (about
 * [-1, 1]^2, y growing downwards as in images); {@link TargetShape} normalises them.
 */
final class Figures {
  // Heart: two discs for the lobes, and below them a V whose sides touch the discs, ending in the tip.
  private static final double LOBE_X = 0.5;
  private static final double LOBE_Y = -0.4;
  private static final double LOBE_RADIUS = 0.5;
  private static final double TIP_Y = 1;
  /** Slope |x| / (TIP_Y - y) of the V's sides, chosen so that they are tangent to the discs. */
  private static final double V_SLOPE;
  /** x of the points where the V touches the discs. */
  private static final double TOUCH_X;

  static {
    // Tangency: the distance from the lobe centre to the line x = k (TIP_Y - y) equals the radius,
    // a quadratic in k; the positive root is the outer tangent.
    double h = TIP_Y - LOBE_Y;
    double a = h * h - LOBE_RADIUS * LOBE_RADIUS;
    double b = -2 * LOBE_X * h;
    double c = LOBE_X * LOBE_X - LOBE_RADIUS * LOBE_RADIUS;
    V_SLOPE = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
    double norm = Math.sqrt(1 + V_SLOPE * V_SLOPE);
    TOUCH_X = LOBE_X + LOBE_RADIUS / norm;
  }

  private Figures() {}

  /** Equilateral triangle with vertices (0, -1) and (+-sqrt(3)/2, 1/2): three half-planes. */
  static boolean equilateralTriangle(double x, double y) {
    double s = Math.sqrt(3);
    return y <= 0.5 && s * x - y <= 1 && -s * x - y <= 1;
  }

  /** Heart with its tip pointing down. */
  static boolean heart(double x, double y) {
    double ax = Math.abs(x);
    double dx = ax - LOBE_X;
    double dy = y - LOBE_Y;
    if (dx * dx + dy * dy <= LOBE_RADIUS * LOBE_RADIUS) {
      return true;
    }
    // Between the lobe centres' line and the tip: no wider than the V, nor than the touching points
    // (above those the discs already bound the figure).
    return y >= LOBE_Y && y <= TIP_Y && ax <= TOUCH_X && ax <= V_SLOPE * (TIP_Y - y);
  }

  /** Arrow pointing to +x: a shaft and a triangular head. */
  static boolean arrow(double x, double y) {
    double ay = Math.abs(y);
    boolean shaft = x >= -1 && x <= 0.1 && ay <= 0.2;
    boolean head = x >= 0.1 && x <= 1 && ay <= 0.6 * (1 - x) / 0.9;
    return shaft || head;
  }
}
