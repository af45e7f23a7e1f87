package org.gradcam4j.eval;

import org.gradcam4j.math.RankCorrelation;
import org.gradcam4j.math.Ssim;

/**
 * The similarity measures of the model-parameter randomisation test (Adebayo, Gilmer, Muelly,
 * Goodfellow, Hardt and Kim, "Sanity Checks for Saliency Maps", NeurIPS 2018): the map of the trained
 * model is compared with the map after randomising layers (cascading from the top). A method that
 * passes the check gives dissimilar maps once the weights are random.
 *
 * <p>Measures: Spearman's rank correlation of the absolute values (the paper's main variant) and
 * without absolute values, and SSIM ({@link Ssim#ofMaps}: 11x11 Gaussian window, sigma 1.5, on maps
 * min-max normalised to [0, 1]). The paper also reports a HOG similarity, which is not provided.
 */
public final class SanityCheckSimilarity {
  private SanityCheckSimilarity() {}

  /** Similarity of the original and a randomised map (1 = identical for all three). */
  public record Similarity(double spearmanAbs, double spearman, double ssim) {}

  /** Compares two maps of the same size. */
  public static Similarity compare(SaliencyMap original, SaliencyMap randomized) {
    randomized.requireSize(original.width(), original.height(), "the randomised model's map");
    original.requireFinite("the original map");
    randomized.requireFinite("the randomised model's map");
    float[] a = original.values();
    float[] b = randomized.values();
    return new Similarity(RankCorrelation.spearmanOfAbsolute(a, b), RankCorrelation.spearman(a, b),
        Ssim.ofMaps(a, b, original.width(), original.height()));
  }
}
