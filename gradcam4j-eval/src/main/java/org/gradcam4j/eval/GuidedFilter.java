package org.gradcam4j.eval;

/**
 * The guided filter (He, Sun and Tang, "Guided Image Filtering", ECCV 2010 / TPAMI 2013) with a
 * grey-scale guide: in every {@code (2r + 1) x (2r + 1)} window the output is a linear function
 * {@code a * I + b} of the guide {@code I}, fitted to the input {@code p} by least squares with the
 * penalty {@code eps * a^2}; each pixel averages the {@code (a, b)} of the windows that cover it. Where
 * the guide is flat the output is the local mean of the input; where the guide has an edge the output
 * follows it, which snaps a coarse heat-map to the object's outline.
 *
 * <p>Windows are clipped at the image border (means over the pixels inside), as box filters with
 * border normalisation do. Box means are computed with summed-area tables, so the cost does not grow
 * with the radius. Arithmetic is in double precision.
 */
public final class GuidedFilter {
  private final int radius;
  private final double eps;

  /**
   * @param radius window radius in pixels (at least 1)
   * @param eps regularisation, in squared guide units (guide values of 0..1: 1e-3 keeps fine edges,
   *     1e-1 smooths most of them away)
   */
  public GuidedFilter(int radius, double eps) {
    if (radius < 1 || !(eps > 0)) {
      throw new IllegalArgumentException("the guided filter needs radius >= 1 and eps > 0, got " + radius
          + " and " + eps);
    }
    this.radius = radius;
    this.eps = eps;
  }

  /** Filters {@code input} ({@code width x height}, row-major) guided by {@code guide} of the same size. */
  public float[] apply(float[] guide, float[] input, int width, int height) {
    int n = width * height;
    if (guide.length != n || input.length != n) {
      throw new IllegalArgumentException("guide and input must both have " + n + " values, got "
          + guide.length + " and " + input.length);
    }
    double[] i = new double[n];
    double[] p = new double[n];
    double[] ip = new double[n];
    double[] ii = new double[n];
    for (int k = 0; k < n; k++) {
      i[k] = guide[k];
      p[k] = input[k];
      ip[k] = i[k] * p[k];
      ii[k] = i[k] * i[k];
    }
    double[] meanI = boxMean(i, width, height, radius);
    double[] meanP = boxMean(p, width, height, radius);
    double[] meanIp = boxMean(ip, width, height, radius);
    double[] meanIi = boxMean(ii, width, height, radius);
    double[] a = new double[n];
    double[] b = new double[n];
    for (int k = 0; k < n; k++) {
      double covariance = meanIp[k] - meanI[k] * meanP[k];
      double variance = meanIi[k] - meanI[k] * meanI[k];
      a[k] = covariance / (variance + eps);
      b[k] = meanP[k] - a[k] * meanI[k];
    }
    double[] meanA = boxMean(a, width, height, radius);
    double[] meanB = boxMean(b, width, height, radius);
    float[] out = new float[n];
    for (int k = 0; k < n; k++) {
      out[k] = (float) (meanA[k] * i[k] + meanB[k]);
    }
    return out;
  }

  /**
   * The mean over the window of radius {@code r} around every pixel, clipped to the image, from a
   * summed-area table.
   */
  static double[] boxMean(double[] v, int width, int height, int r) {
    double[] sat = new double[(width + 1) * (height + 1)];
    for (int y = 0; y < height; y++) {
      double row = 0;
      for (int x = 0; x < width; x++) {
        row += v[y * width + x];
        sat[(y + 1) * (width + 1) + x + 1] = sat[y * (width + 1) + x + 1] + row;
      }
    }
    double[] out = new double[v.length];
    for (int y = 0; y < height; y++) {
      int y0 = Math.max(0, y - r);
      int y1 = Math.min(height, y + r + 1);
      for (int x = 0; x < width; x++) {
        int x0 = Math.max(0, x - r);
        int x1 = Math.min(width, x + r + 1);
        double sum = sat[y1 * (width + 1) + x1] - sat[y0 * (width + 1) + x1] - sat[y1 * (width + 1) + x0]
            + sat[y0 * (width + 1) + x0];
        out[y * width + x] = sum / ((double) (x1 - x0) * (y1 - y0));
      }
    }
    return out;
  }
}
