package org.gradcam4j.math;

import java.util.Locale;

/**
 * The mean of per-image values with a confidence interval {@code [lo, hi]}; {@code n} values were
 * used. All NaN when there were none.
 */
public record Summary(int n, double mean, double lo, double hi) {
  /** The summary of no values. */
  public static Summary empty() {
    return new Summary(0, Double.NaN, Double.NaN, Double.NaN);
  }

  /** {@code "mean [lo, hi]"} with {@code decimals} digits after the point; {@code "n/a"} when empty. */
  public String format(int decimals) {
    if (n == 0) {
      return "n/a";
    }
    String f = "%." + decimals + "f";
    return String.format(Locale.ROOT, f + " [" + f + ", " + f + "]", mean, lo, hi);
  }
}
