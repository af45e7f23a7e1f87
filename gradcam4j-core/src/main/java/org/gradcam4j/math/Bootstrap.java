package org.gradcam4j.math;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Mean with a percentile-bootstrap confidence interval (Efron): the values are resampled with
 * replacement {@code resamples} times, and the interval is the {@code (1 - confidence) / 2} and
 * {@code (1 + confidence) / 2} quantiles of the resampled means (linear interpolation between order
 * statistics, NumPy's default). The generator is seeded, so the same values give the same interval.
 * NaN values (a metric undefined for that image) are left out.
 */
public final class Bootstrap {
  private final int resamples;
  private final double confidence;
  private final long seed;

  /**
   * @param resamples number of bootstrap resamples (e.g. 1000)
   * @param confidence coverage of the interval, in (0, 1) (e.g. 0.95)
   * @param seed generator seed
   */
  public Bootstrap(int resamples, double confidence, long seed) {
    if (resamples < 1 || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("need resamples >= 1 and confidence in (0, 1), got "
          + resamples + ", " + confidence);
    }
    this.resamples = resamples;
    this.confidence = confidence;
    this.seed = seed;
  }

  /** 1000 resamples, 95 %, seed 0. */
  public static Bootstrap defaults() {
    return new Bootstrap(1000, 0.95, 0L);
  }

  /** Mean and interval of {@code values}, NaN values left out. */
  public Summary summarize(double[] values) {
    double[] v = Arrays.stream(values).filter(d -> !Double.isNaN(d)).toArray();
    int n = v.length;
    if (n == 0) {
      return Summary.empty();
    }
    double mean = Arrays.stream(v).sum() / n;
    if (n == 1) {
      return new Summary(1, mean, mean, mean);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double[] means = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      double sum = 0;
      for (int i = 0; i < n; i++) {
        sum += v[rng.nextInt(n)];
      }
      means[r] = sum / n;
    }
    Arrays.sort(means);
    double alpha = (1 - confidence) / 2;
    return new Summary(n, mean, quantile(means, alpha), quantile(means, 1 - alpha));
  }

  /** Quantile {@code q} of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double q) {
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
