package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.targets.Target;

/**
 * What to compute for a batch.
 *
 * @param methods the explanation methods (see {@link Methods}), at least one
 * @param layers target layers (tensor or node names) for layer methods; empty for the model's default;
 *     several layers are fused (their maps averaged at input resolution)
 * @param scoreTensor the tensor to explain, or {@code null} for the model's default
 * @param targets one target for every image, or a single target used for all of them
 * @param options settings of the methods that have any
 */
public record ExplainRequest(List<ExplanationMethod> methods, List<String> layers, String scoreTensor,
    List<Target> targets, MethodOptions options) {
  public ExplainRequest {
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("at least one method is needed");
    }
    layers = List.copyOf(layers);
    targets = List.copyOf(targets);
    if (targets.isEmpty()) {
      throw new IllegalArgumentException("at least one target is needed");
    }
  }

  /** A request for one method. */
  public ExplainRequest(ExplanationMethod method, List<String> layers, String scoreTensor, List<Target> targets,
      MethodOptions options) {
    this(List.of(method), layers, scoreTensor, targets, options);
  }

  /** Grad-CAM of the top prediction at the default layer. */
  public static ExplainRequest gradCam() {
    return new ExplainRequest(Methods.byName("gradcam"), List.of(), null, List.of(Target.topPrediction()),
        MethodOptions.defaults());
  }

  public static ExplainRequest of(String method) {
    return gradCam().withMethod(Methods.byName(method));
  }

  /** The request's only method. */
  public ExplanationMethod method() {
    if (methods.size() != 1) {
      throw new IllegalStateException("this request has " + methods.size() + " methods, not one");
    }
    return methods.get(0);
  }

  public ExplainRequest withMethod(ExplanationMethod m) {
    return withMethods(List.of(m));
  }

  public ExplainRequest withMethod(CamWeighting w) {
    return withMethod(new GradientCam(w));
  }

  public ExplainRequest withMethods(List<ExplanationMethod> m) {
    return new ExplainRequest(m, layers, scoreTensor, targets, options);
  }

  /** One layer ({@code null} for the default). */
  public ExplainRequest withLayer(String l) {
    return new ExplainRequest(methods, l == null ? List.of() : List.of(l), scoreTensor, targets, options);
  }

  public ExplainRequest withLayers(List<String> l) {
    return new ExplainRequest(methods, l, scoreTensor, targets, options);
  }

  public ExplainRequest withScoreTensor(String s) {
    return new ExplainRequest(methods, layers, s, targets, options);
  }

  public ExplainRequest withTargets(List<Target> t) {
    return new ExplainRequest(methods, layers, scoreTensor, t, options);
  }

  public ExplainRequest withTarget(Target t) {
    return withTargets(List.of(t));
  }

  public ExplainRequest withOptions(MethodOptions o) {
    return new ExplainRequest(methods, layers, scoreTensor, targets, o);
  }

  /** The first layer, or {@code null} for the default. */
  public String layer() {
    return layers.isEmpty() ? null : layers.get(0);
  }
}
