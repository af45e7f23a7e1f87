package org.gradcam4j.math;

import java.util.Arrays;

/**
 * Correlation between two equally long arrays of values, such as two saliency maps flattened:
 * Pearson's r, Spearman's rank correlation and Kendall's tau-b.
 *
 * <p>Spearman's rho is Pearson's r of the ranks, tied values sharing the average of the ranks they
 * span (the usual definition, and SciPy's {@code spearmanr}). Kendall's tau-b corrects for ties in
 * either array ({@code (C - D) / sqrt((n0 - n1)(n0 - n2))}, SciPy's default {@code kendalltau}) and
 * is computed in {@code O(n log n)} with Knight's merge-sort algorithm, so whole maps are fine.
 * Correlations are undefined when either array is constant (or shorter than 2): the result is then NaN.
 * NaN inputs are rejected.
 */
public final class RankCorrelation {
  private RankCorrelation() {}

  /** Pearson's correlation coefficient. */
  public static double pearson(float[] a, float[] b) {
    check(a, b);
    return pearson(toDouble(a), toDouble(b));
  }

  /** Spearman's rank correlation with average ranks for ties. */
  public static double spearman(float[] a, float[] b) {
    check(a, b);
    return pearson(averageRanks(a), averageRanks(b));
  }

  /**
   * Spearman's rank correlation of the absolute values: the variant Adebayo et al. ("Sanity Checks
   * for Saliency Maps", 2018) report, as the sign of many attributions is not meaningful.
   */
  public static double spearmanOfAbsolute(float[] a, float[] b) {
    return spearman(abs(a), abs(b));
  }

  /** Kendall's tau-b. */
  public static double kendallTauB(float[] a, float[] b) {
    check(a, b);
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    int[] ra = denseRanks(a);
    int[] rb = denseRanks(b);
    long[] pairs = new long[n];
    for (int i = 0; i < n; i++) {
      pairs[i] = ((long) ra[i] << 32) | rb[i];
    }
    Arrays.sort(pairs);
    // Ties in a, and joint ties in (a, b), from runs in the sorted pairs.
    long tiesA = 0;
    long tiesBoth = 0;
    int runA = 1;
    int runBoth = 1;
    for (int i = 1; i < n; i++) {
      boolean sameA = (pairs[i] >>> 32) == (pairs[i - 1] >>> 32);
      runA = sameA ? runA + 1 : 1;
      runBoth = pairs[i] == pairs[i - 1] ? runBoth + 1 : 1;
      tiesA += runA - 1;
      tiesBoth += runBoth - 1;
    }
    int[] ys = new int[n];
    for (int i = 0; i < n; i++) {
      ys[i] = (int) pairs[i];
    }
    // Pairs out of order in b (strictly) after sorting by (a, b) are exactly the discordant pairs.
    long discordant = countInversions(ys, new int[n], 0, n);
    long tiesB = 0;
    int runB = 1;
    for (int i = 1; i < n; i++) {
      runB = ys[i] == ys[i - 1] ? runB + 1 : 1;
      tiesB += runB - 1;
    }
    long total = (long) n * (n - 1) / 2;
    double concordantMinusDiscordant = total - tiesA - tiesB + tiesBoth - 2.0 * discordant;
    double denominator = Math.sqrt((double) (total - tiesA)) * Math.sqrt((double) (total - tiesB));
    return denominator == 0 ? Double.NaN : concordantMinusDiscordant / denominator;
  }

  /** Ranks 1..n, ties getting the mean of the ranks they occupy. */
  public static double[] averageRanks(float[] v) {
    int n = v.length;
    long[] keys = sortedKeys(v);
    double[] ranks = new double[n];
    int start = 0;
    while (start < n) {
      int end = start + 1;
      while (end < n && (keys[end] >> 32) == (keys[start] >> 32)) {
        end++;
      }
      double rank = (start + 1 + end) / 2.0;
      for (int k = start; k < end; k++) {
        ranks[(int) keys[k]] = rank;
      }
      start = end;
    }
    return ranks;
  }

  /** Ranks 0, 1, 2, ... by distinct value (equal values share a rank). */
  private static int[] denseRanks(float[] v) {
    long[] keys = sortedKeys(v);
    int[] ranks = new int[v.length];
    int rank = 0;
    for (int k = 0; k < keys.length; k++) {
      if (k > 0 && (keys[k] >> 32) != (keys[k - 1] >> 32)) {
        rank++;
      }
      ranks[(int) keys[k]] = rank;
    }
    return ranks;
  }

  /** Sorted keys: order-preserving bits of the value in the high half, the index in the low half. */
  private static long[] sortedKeys(float[] v) {
    long[] keys = new long[v.length];
    for (int i = 0; i < v.length; i++) {
      keys[i] = ((long) sortableBits(v[i]) << 32) | i;
    }
    Arrays.sort(keys);
    return keys;
  }

  private static int sortableBits(float f) {
    int bits = Float.floatToIntBits(f == 0f ? 0f : f);
    return bits >= 0 ? bits : bits ^ 0x7fffffff;
  }

  /** Sorts {@code a[from, to)} and returns the number of pairs {@code i < j} with {@code a[i] > a[j]}. */
  private static long countInversions(int[] a, int[] tmp, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int mid = (from + to) >>> 1;
    long count = countInversions(a, tmp, from, mid) + countInversions(a, tmp, mid, to);
    int i = from;
    int j = mid;
    int k = from;
    while (i < mid && j < to) {
      if (a[j] < a[i]) {
        count += mid - i;
        tmp[k++] = a[j++];
      } else {
        tmp[k++] = a[i++];
      }
    }
    while (i < mid) {
      tmp[k++] = a[i++];
    }
    while (j < to) {
      tmp[k++] = a[j++];
    }
    System.arraycopy(tmp, from, a, from, to - from);
    return count;
  }

  private static double pearson(double[] a, double[] b) {
    int n = a.length;
    if (n < 2) {
      return Double.NaN;
    }
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < n; i++) {
      double da = a[i] - ma;
      double db = b[i] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    if (saa == 0 || sbb == 0) {
      return Double.NaN;
    }
    return Math.max(-1, Math.min(1, sab / Math.sqrt(saa * sbb)));
  }

  private static void check(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("cannot correlate arrays of different lengths: " + a.length
          + " and " + b.length);
    }
    for (int i = 0; i < a.length; i++) {
      if (Float.isNaN(a[i]) || Float.isNaN(b[i])) {
        throw new IllegalArgumentException("NaN at index " + i + "; correlations need numbers");
      }
    }
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return d;
  }

  private static float[] abs(float[] v) {
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = Math.abs(v[i]);
    }
    return out;
  }
}
