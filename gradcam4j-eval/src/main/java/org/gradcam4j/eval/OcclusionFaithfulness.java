package org.gradcam4j.eval;

import org.gradcam4j.math.RankCorrelation;

/**
 * Faithfulness as in the Grad-CAM paper (section 5.2): how well a method's map agrees with an
 * occlusion map of the same model and image (the score drop when each region is masked), measured by
 * rank correlation over pixels. Spearman's rho is the paper's measure; Pearson's r and Kendall's
 * tau-b are offered too. Both maps must have the same size (resize the coarser one first). NaN when
 * either map is constant.
 */
public final class OcclusionFaithfulness {
  private OcclusionFaithfulness() {}

  /** The three correlations of one pair of maps. */
  public record Correlations(double spearman, double pearson, double kendall) {}

  /** Spearman's rank correlation (ties: average ranks). */
  public static double spearman(SaliencyMap method, SaliencyMap occlusion) {
    check(method, occlusion);
    return RankCorrelation.spearman(method.values(), occlusion.values());
  }

  /** Spearman, Pearson and Kendall tau-b. */
  public static Correlations all(SaliencyMap method, SaliencyMap occlusion) {
    check(method, occlusion);
    float[] a = method.values();
    float[] b = occlusion.values();
    return new Correlations(RankCorrelation.spearman(a, b), RankCorrelation.pearson(a, b),
        RankCorrelation.kendallTauB(a, b));
  }

  private static void check(SaliencyMap method, SaliencyMap occlusion) {
    occlusion.requireSize(method.width(), method.height(), "the occlusion map");
    method.requireFinite("the method's map");
    occlusion.requireFinite("the occlusion map");
  }
}
