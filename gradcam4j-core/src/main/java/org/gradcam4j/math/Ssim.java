package org.gradcam4j.math;

/**
 * Structural similarity (Wang, Bovik, Sheikh and Simoncelli, "Image Quality Assessment: From Error
 * Visibility to Structural Similarity", IEEE TIP 2004): local means, variances and covariance under
 * an 11x11 Gaussian window of sigma 1.5 (normalised to sum 1), {@code C1 = (0.01 L)^2},
 * {@code C2 = (0.03 L)^2} with {@code L} the data range, and
 * {@code SSIM = (2 mu_a mu_b + C1)(2 cov + C2) / ((mu_a^2 + mu_b^2 + C1)(var_a + var_b + C2))}
 * averaged over every window position that lies fully inside the image (the paper's reference
 * implementation filters with 'valid' borders). Images must be at least 11x11.
 */
public final class Ssim {
  /** Side of the Gaussian window. */
  public static final int WINDOW = 11;
  /** Standard deviation of the Gaussian window. */
  public static final double SIGMA = 1.5;
  /** {@code C1 = (K1 L)^2}. */
  public static final double K1 = 0.01;
  /** {@code C2 = (K2 L)^2}. */
  public static final double K2 = 0.03;

  private Ssim() {}

  /**
   * Mean SSIM of two saliency maps after min-max normalising each to [0, 1] (data range 1), as in
   * the sanity checks of Adebayo et al. A constant map normalises to all zeros.
   */
  public static double ofMaps(float[] a, float[] b, int width, int height) {
    return ssim(normalized(a), normalized(b), width, height, 1.0);
  }

  /** Mean SSIM of two {@code width x height} images with the given data range {@code L}. */
  public static double ssim(float[] a, float[] b, int width, int height, double dataRange) {
    if (a.length != width * height || b.length != width * height) {
      throw new IllegalArgumentException("SSIM of " + width + "x" + height + " images needs "
          + width * height + " values each, got " + a.length + " and " + b.length);
    }
    if (width < WINDOW || height < WINDOW) {
      throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
          + " pixels, got " + width + "x" + height);
    }
    double[] g = window();
    int ow = width - WINDOW + 1;
    int oh = height - WINDOW + 1;
    // Horizontal pass over all rows for the five local statistics, then vertical pass.
    double[][] rows = new double[5][ow * height];
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < ow; x++) {
        double sa = 0;
        double sb = 0;
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int k = 0; k < WINDOW; k++) {
          double va = a[y * width + x + k];
          double vb = b[y * width + x + k];
          double wk = g[k];
          sa += wk * va;
          sb += wk * vb;
          saa += wk * va * va;
          sbb += wk * vb * vb;
          sab += wk * va * vb;
        }
        int o = y * ow + x;
        rows[0][o] = sa;
        rows[1][o] = sb;
        rows[2][o] = saa;
        rows[3][o] = sbb;
        rows[4][o] = sab;
      }
    }
    double c1 = (K1 * dataRange) * (K1 * dataRange);
    double c2 = (K2 * dataRange) * (K2 * dataRange);
    double total = 0;
    double[] s = new double[5];
    for (int y = 0; y < oh; y++) {
      for (int x = 0; x < ow; x++) {
        java.util.Arrays.fill(s, 0);
        for (int k = 0; k < WINDOW; k++) {
          int o = (y + k) * ow + x;
          for (int q = 0; q < 5; q++) {
            s[q] += g[k] * rows[q][o];
          }
        }
        double ma = s[0];
        double mb = s[1];
        double va = s[2] - ma * ma;
        double vb = s[3] - mb * mb;
        double cov = s[4] - ma * mb;
        total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      }
    }
    return total / ((double) ow * oh);
  }

  /** The normalised 1-D Gaussian; the 2-D window is its outer product with itself. */
  static double[] window() {
    double[] g = new double[WINDOW];
    double sum = 0;
    int c = WINDOW / 2;
    for (int i = 0; i < WINDOW; i++) {
      g[i] = Math.exp(-((i - c) * (i - c)) / (2 * SIGMA * SIGMA));
      sum += g[i];
    }
    for (int i = 0; i < WINDOW; i++) {
      g[i] /= sum;
    }
    return g;
  }

  private static float[] normalized(float[] v) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      if (Float.isNaN(f)) {
        throw new IllegalArgumentException("SSIM of a map holding NaN");
      }
      min = Math.min(min, f);
      max = Math.max(max, f);
    }
    float[] out = new float[v.length];
    if (max > min) {
      double range = (double) max - min;
      for (int i = 0; i < v.length; i++) {
        out[i] = (float) ((v[i] - (double) min) / range);
      }
    }
    return out;
  }
}
