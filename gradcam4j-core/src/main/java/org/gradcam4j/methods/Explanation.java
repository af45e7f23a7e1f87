package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * The explanation of one image.
 *
 * @param method method name, e.g. "gradcam"
 * @param target what was explained
 * @param targetClass the class explained (the arg-max for a top-1 target), or -1 for other functionals
 * @param targetScore the score tensor's value for that class
 * @param layer the target layer (a tensor name)
 * @param scoreTensor the explained tensor
 * @param scores the sample's scores (the explained tensor, flattened)
 * @param predictions the sample's first model output, flattened (probabilities for a model ending in
 *     Softmax, else equal to the scores)
 * @param lowRes the map at layer resolution [h, w], after ReLU, before any normalisation
 * @param channelWeights the channel weights, or {@code null} when the method has none
 */
public record Explanation(
    String method,
    Target target,
    int targetClass,
    float targetScore,
    String layer,
    String scoreTensor,
    float[] scores,
    float[] predictions,
    FloatTensor lowRes,
    float[] channelWeights) {

  /** The five highest model outputs. */
  public List<ClassScore> top5() {
    return ClassScore.top(predictions, 5);
  }
}
