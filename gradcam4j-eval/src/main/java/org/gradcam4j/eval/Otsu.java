package org.gradcam4j.eval;

/**
 * Otsu's threshold (N. Otsu, "A Threshold Selection Method from Gray-Level Histograms", IEEE SMC 1979):
 * the cut that maximises the between-class variance {@code w0 * w1 * (mu0 - mu1)^2} of a 256-bin
 * histogram spanning the values' range. Values strictly above the returned threshold form the upper
 * class; the threshold lies halfway between the largest value of the lower class and the smallest of
 * the upper one, so the split does not depend on rounding at a bin edge.
 */
public final class Otsu {
  /** Histogram bins, as for 8-bit images. */
  public static final int BINS = 256;

  private Otsu() {}

  /**
   * The threshold. For values that are all equal there is nothing to separate and the threshold lies
   * just below them, so every value is above it.
   */
  public static double threshold(float[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("Otsu's threshold needs at least one value");
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    double range = max - min;
    if (!(range > 1e-9 * Math.max(1, Math.abs(max)))) {
      return Math.nextDown(min);
    }
    // Bin b covers [min + b * width, min + (b + 1) * width); the maximum falls in the last bin.
    double binWidth = range / (BINS - 1);
    long[] count = new long[BINS];
    double[] sum = new double[BINS];
    double[] binMin = new double[BINS];
    double[] binMax = new double[BINS];
    java.util.Arrays.fill(binMin, Double.POSITIVE_INFINITY);
    java.util.Arrays.fill(binMax, Double.NEGATIVE_INFINITY);
    for (float v : values) {
      int b = Math.min(BINS - 1, (int) ((v - min) / binWidth));
      count[b]++;
      sum[b] += v;
      binMin[b] = Math.min(binMin[b], v);
      binMax[b] = Math.max(binMax[b], v);
    }
    double total = values.length;
    double totalSum = 0;
    for (double s : sum) {
      totalSum += s;
    }
    long n0 = 0;
    double s0 = 0;
    double best = -1;
    int bestBin = 0;
    for (int b = 0; b < BINS - 1; b++) {
      n0 += count[b];
      s0 += sum[b];
      long n1 = values.length - n0;
      if (n0 == 0 || n1 == 0) {
        continue;
      }
      double mu0 = s0 / n0;
      double mu1 = (totalSum - s0) / n1;
      double between = (n0 / total) * (n1 / total) * (mu0 - mu1) * (mu0 - mu1);
      if (between > best) {
        best = between;
        bestBin = b;
      }
    }
    double lowerMax = Double.NEGATIVE_INFINITY;
    double upperMin = Double.POSITIVE_INFINITY;
    for (int b = 0; b < BINS; b++) {
      if (b <= bestBin) {
        lowerMax = Math.max(lowerMax, binMax[b]);
      } else {
        upperMin = Math.min(upperMin, binMin[b]);
      }
    }
    return (lowerMax + upperMin) / 2;
  }
}
