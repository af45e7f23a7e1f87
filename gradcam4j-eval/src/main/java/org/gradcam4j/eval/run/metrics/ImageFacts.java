package org.gradcam4j.eval.run.metrics;

import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.runtime.FloatTensor;

/**
 * What is known about one image when its maps are scored.
 *
 * @param image the image as the perturbation metrics change it: RGB values in [0, 1], {@code [3, H, W]},
 *     at the model-input size
 * @param truth its ground truth in the same pixel grid, or null when it has none
 * @param explainedClass the class the maps explain
 * @param classCorrect whether the model's top-1 class is one of the image's classes; null when they are
 *     not known
 */
public record ImageFacts(FloatTensor image, GroundTruth truth, int explainedClass, Boolean classCorrect) {
  /** Whether there is ground truth to score against. */
  public boolean hasGroundTruth() {
    return truth != null && !truth.isEmpty();
  }
}
