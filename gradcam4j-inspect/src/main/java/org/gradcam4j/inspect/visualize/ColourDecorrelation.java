package org.gradcam4j.inspect.visualize;

/**
 * The decorrelated colour space of Olah et al. (2017, "Feature Visualization"): the optimiser works on
 * three uncorrelated components, and a fixed 3 x 3 matrix (a square root of the colour covariance of
 * ImageNet photos, as published with Lucid) mixes them into RGB. Equal steps in each component then
 * make natural colour changes instead of saturated red/green/blue noise. The matrix is scaled so that
 * its largest column has unit norm.
 */
final class ColourDecorrelation {
  private static final double[][] SQRT_COVARIANCE = {
      {0.26, 0.09, 0.02},
      {0.27, 0.00, -0.05},
      {0.27, -0.09, 0.03}};

  /** rgb = MIX . decorrelated. */
  static final double[][] MIX = normalised();
  /** decorrelated = UNMIX . rgb. */
  static final double[][] UNMIX = inverse(MIX);

  private ColourDecorrelation() {}

  private static double[][] normalised() {
    double max = 0;
    for (int j = 0; j < 3; j++) {
      double s = 0;
      for (int i = 0; i < 3; i++) {
        s += SQRT_COVARIANCE[i][j] * SQRT_COVARIANCE[i][j];
      }
      max = Math.max(max, Math.sqrt(s));
    }
    double[][] m = new double[3][3];
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 3; j++) {
        m[i][j] = SQRT_COVARIANCE[i][j] / max;
      }
    }
    return m;
  }

  static double[][] inverse(double[][] m) {
    double a = m[0][0], b = m[0][1], c = m[0][2];
    double d = m[1][0], e = m[1][1], f = m[1][2];
    double g = m[2][0], h = m[2][1], k = m[2][2];
    double det = a * (e * k - f * h) - b * (d * k - f * g) + c * (d * h - e * g);
    return new double[][] {
        {(e * k - f * h) / det, (c * h - b * k) / det, (b * f - c * e) / det},
        {(f * g - d * k) / det, (a * k - c * g) / det, (c * d - a * f) / det},
        {(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det}};
  }
}
