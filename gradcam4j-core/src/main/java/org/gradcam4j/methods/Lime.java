package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.WeightedLeastSquares;

/**
 * LIME (Ribeiro, Singh and Guestrin 2016, "Why Should I Trust You?"), as the {@code lime} package's
 * image explainer does it: {@link MethodOptions#coalitions()} coalitions of segments, the first the
 * whole image and every other keeping each segment with probability 1/2; each coalition {@code z} is
 * weighted by {@code exp(-d^2 / (2 w^2))}, {@code d} the cosine distance between {@code z} and the
 * all-ones coalition, {@code w} = {@link MethodOptions#limeKernelWidth()}; a ridge regression (penalty 1,
 * unpenalised intercept) of the scores on the coalitions gives each segment's attribution.
 */
public final class Lime extends SuperpixelMethod {
  /** scikit-learn's default {@code Ridge(alpha=1)}, which the lime package uses. */
  static final double RIDGE = 1.0;

  @Override
  public String name() {
    return "lime";
  }

  @Override
  double[] attribute(CoalitionScorer scorer, MethodOptions options) {
    int k = scorer.players();
    int n = options.coalitions();
    float width = options.limeKernelWidth();
    if (n < 2 || !(width > 0)) {
      throw new GradCamException("LIME needs at least 2 coalitions and a kernel width above 0, got " + n
          + " coalitions and width " + width);
    }
    SplittableRandom random = new SplittableRandom(options.seed());
    List<boolean[]> coalitions = new ArrayList<>();
    boolean[] all = new boolean[k];
    Arrays.fill(all, true);
    coalitions.add(all);
    for (int s = 1; s < n; s++) {
      boolean[] z = new boolean[k];
      for (int j = 0; j < k; j++) {
        z[j] = random.nextBoolean();
      }
      coalitions.add(z);
    }
    double[] scores = scorer.score(coalitions);
    double[][] x = new double[n][k];
    double[] weights = new double[n];
    for (int s = 0; s < n; s++) {
      int on = 0;
      for (int j = 0; j < k; j++) {
        if (coalitions.get(s)[j]) {
          x[s][j] = 1;
          on++;
        }
      }
      // Cosine distance to the all-ones coalition; an empty coalition is at distance 1.
      double d = on == 0 ? 1 : 1 - Math.sqrt((double) on / k);
      weights[s] = Math.exp(-d * d / (2.0 * width * width));
    }
    return WeightedLeastSquares.fit(x, scores, weights, RIDGE, true).coefficients();
  }
}
