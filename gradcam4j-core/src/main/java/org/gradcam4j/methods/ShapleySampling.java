package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.error.GradCamException;

/**
 * Shapley value sampling (Castro, Gomez and Tejada 2009; Captum's {@code ShapleyValueSampling}) over
 * segments: for each of {@link MethodOptions#shapleyPermutations()} random orders of the segments, the
 * segments are added one by one to the filled image and each is credited with the change of the score
 * its arrival causes; the attributions are the means over the orders. They always add up to {@code
 * f(x) - f(empty)}. When there are no more than that many orders in all ({@code M!}), each is used
 * once, which gives the exact Shapley values. Each order costs {@code M - 1} scored copies (the empty and
 * full coalitions are scored once).
 */
public final class ShapleySampling extends SuperpixelMethod {
  @Override
  public String name() {
    return "shapley";
  }

  @Override
  double[] attribute(CoalitionScorer scorer, MethodOptions options) {
    int m = scorer.players();
    int permutations = options.shapleyPermutations();
    if (permutations < 1) {
      throw new GradCamException("Shapley value sampling needs at least 1 permutation, got " + permutations);
    }
    List<int[]> orders = allOrdersIfFew(m, permutations);
    if (orders == null) {
      orders = new ArrayList<>();
      SplittableRandom random = new SplittableRandom(options.seed());
      for (int p = 0; p < permutations; p++) {
        int[] order = identity(m);
        for (int j = m - 1; j > 0; j--) {
          int pick = random.nextInt(j + 1);
          int t = order[j];
          order[j] = order[pick];
          order[pick] = t;
        }
        orders.add(order);
      }
    }
    // The empty coalition first, then every order's proper prefixes; the full one is the image itself.
    List<boolean[]> prefixes = new ArrayList<>();
    prefixes.add(new boolean[m]);
    for (int[] order : orders) {
      boolean[] z = new boolean[m];
      for (int t = 0; t < m - 1; t++) {
        z[order[t]] = true;
        prefixes.add(z.clone());
      }
    }
    double[] scores = scorer.score(prefixes);
    double empty = scores[0];
    double[] phi = new double[m];
    int row = 1;
    for (int[] order : orders) {
      double before = empty;
      for (int t = 0; t < m; t++) {
        double after = t < m - 1 ? scores[row++] : scorer.full();
        phi[order[t]] += after - before;
        before = after;
      }
    }
    for (int j = 0; j < m; j++) {
      phi[j] /= orders.size();
    }
    return phi;
  }

  /** Every order of {@code m} players when there are at most {@code limit}, else null. */
  private static List<int[]> allOrdersIfFew(int m, int limit) {
    long count = 1;
    for (int i = 2; i <= m; i++) {
      count *= i;
      if (count > limit) {
        return null;
      }
    }
    List<int[]> out = new ArrayList<>();
    permute(identity(m), 0, out);
    return out;
  }

  private static void permute(int[] a, int from, List<int[]> out) {
    if (from == a.length) {
      out.add(a.clone());
      return;
    }
    for (int i = from; i < a.length; i++) {
      int t = a[from];
      a[from] = a[i];
      a[i] = t;
      permute(a, from + 1, out);
      a[i] = a[from];
      a[from] = t;
    }
  }

  private static int[] identity(int m) {
    int[] order = new int[m];
    for (int j = 0; j < m; j++) {
      order[j] = j;
    }
    return order;
  }
}
