package org.gradcam4j.methods;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.runtime.GradientRun;

/**
 * Runs several methods on one batch. Gradient methods that use the same backward rules share one
 * compiled graph and one run: their {@link GradientRequest}s are merged per backward variant, so for
 * example Grad-CAM, Grad-CAM++ and saliency together cost about as much as one of them. Methods under
 * {@link AugmentationSmoothing} and all other methods run on their own.
 */
public final class MethodPlan {
  private MethodPlan() {}

  /** The explanations of every method by name, in the order of {@code methods}. */
  public static Map<String, List<Explanation>> explainAll(List<ExplanationMethod> methods, MethodContext ctx) {
    Map<String, GradientRequest> merged = new LinkedHashMap<>();
    Map<GradientMethod, String> groupOf = new HashMap<>();
    for (ExplanationMethod m : methods) {
      if (m instanceof GradientMethod gm && !AugmentationSmoothing.appliesTo(m, ctx.options())) {
        GradientRequest request = gm.request(ctx);
        String group = request.variant().key();
        merged.merge(group, request, GradientRequest::merge);
        groupOf.put(gm, group);
      }
    }
    Map<String, GradientRun> runs = new HashMap<>();
    merged.forEach((group, request) -> runs.put(group, ctx.runGradients(request)));

    Map<String, List<Explanation>> result = new LinkedHashMap<>();
    for (ExplanationMethod m : methods) {
      List<Explanation> e;
      if (AugmentationSmoothing.appliesTo(m, ctx.options())) {
        e = AugmentationSmoothing.explain(m, ctx);
      } else if (m instanceof GradientMethod gm) {
        e = gm.extract(ctx, runs.get(groupOf.get(gm)));
      } else {
        e = m.explain(ctx);
      }
      result.put(m.name(), e);
    }
    return result;
  }
}
