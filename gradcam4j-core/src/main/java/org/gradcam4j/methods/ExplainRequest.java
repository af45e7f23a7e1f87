package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.targets.Target;

/**
 * What to compute for a batch.
 *
 * @param method how channels are weighted (see {@link CamMethods})
 * @param layer the target layer (tensor or node name), or {@code null} for the model's default
 * @param scoreTensor the tensor to explain, or {@code null} for the model's default
 * @param targets one target for every sample, or a single target used for all of them
 */
public record ExplainRequest(CamWeighting method, String layer, String scoreTensor, List<Target> targets) {
  public ExplainRequest {
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
  }

  /** Grad-CAM of the top prediction at the default layer. */
  public static ExplainRequest gradCam() {
    return new ExplainRequest(new GradCamWeighting(), null, null, List.of(Target.topPrediction()));
  }

  public ExplainRequest withMethod(CamWeighting m) {
    return new ExplainRequest(m, layer, scoreTensor, targets);
  }

  public ExplainRequest withLayer(String l) {
    return new ExplainRequest(method, l, scoreTensor, targets);
  }

  public ExplainRequest withScoreTensor(String s) {
    return new ExplainRequest(method, layer, s, targets);
  }

  public ExplainRequest withTargets(List<Target> t) {
    return new ExplainRequest(method, layer, scoreTensor, t);
  }

  public ExplainRequest withTarget(Target t) {
    return withTargets(List.of(t));
  }

  /** The target of sample {@code i}. */
  public Target target(int i) {
    return targets.size() == 1 ? targets.get(0) : targets.get(i);
  }
}
