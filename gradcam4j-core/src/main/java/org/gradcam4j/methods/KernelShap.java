package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.WeightedLeastSquares;

/**
 * KernelSHAP (Lundberg and Lee 2017, "A Unified Approach to Interpreting Model Predictions") over
 * segments: a weighted linear regression of coalition scores on coalitions, with the Shapley kernel
 * {@code (M - 1) / (C(M, |z|) |z| (M - |z|))} as weights and the empty and full coalitions as exact
 * constraints ({@code phi_0 = f(empty)}, {@code sum phi = f(x) - f(empty)}, eliminated by substitution
 * as in the paper's reference implementation), so the attributions always add up to the score change.
 *
 * <p>When the {@code 2^M - 2} proper coalitions are no more than {@link MethodOptions#coalitions()},
 * every one is scored with its kernel weight and the result is the exact Shapley values; otherwise that
 * many are drawn from the kernel (a size {@code s} with probability proportional to {@code (M - 1) / (s
 * (M - s))}, then a uniform subset of that size) and weighted equally.
 */
public final class KernelShap extends SuperpixelMethod {
  @Override
  public String name() {
    return "kernelshap";
  }

  @Override
  double[] attribute(CoalitionScorer scorer, MethodOptions options) {
    int m = scorer.players();
    // The empty coalition is scored first, in the same batches as the others; it carries no weight.
    List<boolean[]> coalitions = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    coalitions.add(new boolean[m]);
    weights.add(0.0);
    int n = options.coalitions();
    if (m < 31 && (1L << m) - 2 <= n) {
      for (long bits = 1; bits < (1L << m) - 1; bits++) {
        boolean[] z = new boolean[m];
        for (int j = 0; j < m; j++) {
          z[j] = (bits >>> j & 1) != 0;
        }
        coalitions.add(z);
        weights.add(kernel(m, Long.bitCount(bits)));
      }
    } else {
      if (n < m) {
        throw new GradCamException("KernelSHAP needs at least as many coalitions as segments, got " + n
            + " coalitions for " + m + " segments; raise the number of coalitions or lower the number of segments");
      }
      sample(m, n, new SplittableRandom(options.seed()), coalitions, weights);
    }
    double[] scores = scorer.score(coalitions);
    double empty = scores[0];
    double total = scorer.full() - empty;
    if (m == 1) {
      return new double[] {total};
    }
    // phi_last = total - sum(others): regress y - f(empty) - z_last * total on z_j - z_last.
    int rows = coalitions.size() - 1;
    double[][] x = new double[rows][m - 1];
    double[] y = new double[rows];
    double[] w = new double[rows];
    for (int s = 0; s < rows; s++) {
      boolean[] z = coalitions.get(s + 1);
      double last = z[m - 1] ? 1 : 0;
      for (int j = 0; j < m - 1; j++) {
        x[s][j] = (z[j] ? 1 : 0) - last;
      }
      y[s] = scores[s + 1] - empty - last * total;
      w[s] = weights.get(s + 1);
    }
    double[] phi;
    try {
      phi = WeightedLeastSquares.fit(x, y, w, 0, false).coefficients();
    } catch (IllegalArgumentException e) {
      throw new GradCamException("KernelSHAP's regression over " + m + " segments is singular with " + rows
          + " sampled coalitions; raise the number of coalitions");
    }
    double[] out = new double[m];
    double rest = total;
    for (int j = 0; j < m - 1; j++) {
      out[j] = phi[j];
      rest -= phi[j];
    }
    out[m - 1] = rest;
    return out;
  }

  /** The Shapley kernel weight of a coalition of {@code size} out of {@code m} players. */
  static double kernel(int m, int size) {
    return (m - 1) / (Math.exp(logChoose(m, size)) * size * (m - size));
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }

  /** Draws {@code n} coalitions from the Shapley kernel's distribution over sizes 1 .. m-1. */
  private static void sample(int m, int n, SplittableRandom random, List<boolean[]> coalitions, List<Double> weights) {
    double[] cumulative = new double[m];
    for (int s = 1; s < m; s++) {
      cumulative[s] = cumulative[s - 1] + (m - 1.0) / (s * (double) (m - s));
    }
    int[] order = new int[m];
    for (int c = 0; c < n; c++) {
      double u = random.nextDouble() * cumulative[m - 1];
      int size = 1;
      while (size < m - 1 && cumulative[size] < u) {
        size++;
      }
      for (int j = 0; j < m; j++) {
        order[j] = j;
      }
      boolean[] z = new boolean[m];
      for (int j = 0; j < size; j++) {
        int pick = j + random.nextInt(m - j);
        int t = order[j];
        order[j] = order[pick];
        order[pick] = t;
        z[order[j]] = true;
      }
      coalitions.add(z);
      weights.add(1.0);
    }
  }
}
