package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.autodiff.GraphExtension;

/**
 * One compiled gradient graph's worth of work: which tensors to differentiate, with which backward
 * variant, plus the in-graph extensions (CAM maps) of every method that shares the run. Methods
 * with the same variant are merged into one spec, so "gradcam, gradcam++, saliency" cost one
 * forward and one backward pass together.
 *
 * @param scoreTensor the explained tensor
 * @param wrt tensors to differentiate with respect to (layers and/or the image input)
 * @param variant the ReLU backward rule
 * @param extensions in-graph computations by a unique key (e.g. "gradcam@layer")
 * @param exposeActivations whether the activations of {@code wrt} layers are needed in Java
 * @param exposeGradients whether the gradients themselves are needed in Java (false when only the
 *     extensions' outputs are, which saves copying large tensors out of ONNX Runtime)
 */
public record GradientSpec(String scoreTensor, List<String> wrt, BackwardVariant variant,
    Map<String, GraphExtension> extensions, boolean exposeActivations, boolean exposeGradients) {
  public GradientSpec {
    wrt = List.copyOf(wrt);
    extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /** A spec whose gradients are returned to Java. */
  public GradientSpec(String scoreTensor, List<String> wrt, BackwardVariant variant,
      Map<String, GraphExtension> extensions, boolean exposeActivations) {
    this(scoreTensor, wrt, variant, extensions, exposeActivations, true);
  }

  /** The union of two specs with the same score tensor and variant. */
  public GradientSpec merge(GradientSpec other) {
    if (!other.scoreTensor.equals(scoreTensor) || !other.variant.equals(variant)) {
      throw new IllegalArgumentException("only specs with the same score tensor and variant can be merged");
    }
    List<String> all = new ArrayList<>(wrt);
    other.wrt.stream().filter(t -> !all.contains(t)).forEach(all::add);
    Map<String, GraphExtension> ext = new LinkedHashMap<>(extensions);
    ext.putAll(other.extensions);
    return new GradientSpec(scoreTensor, all, variant, ext, exposeActivations || other.exposeActivations,
        exposeGradients || other.exposeGradients);
  }

  /** A stable description for cache keys. */
  public String cacheKey() {
    StringBuilder sb = new StringBuilder(scoreTensor).append('|').append(String.join(",", wrt)).append('|')
        .append(variant.key()).append('|').append(exposeActivations).append('|').append(exposeGradients);
    extensions.forEach((k, v) -> sb.append('|').append(k).append('=').append(v.cacheKey()));
    return sb.toString();
  }
}
