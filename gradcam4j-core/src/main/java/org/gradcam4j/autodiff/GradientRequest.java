package org.gradcam4j.autodiff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * What to differentiate: the gradients of {@code sum(seed * score)} with respect to the tensors in
 * {@code wrt}, where {@code seed} is fed at run time, plus the in-graph extensions (such as CAM maps)
 * appended after the backward. Requests with the same score tensor and variant {@link #merge merge}
 * into one, so that several methods ("gradcam, gradcam++, saliency") cost one forward and one backward
 * pass together.
 *
 * @param scoreTensor the tensor whose linear functional is differentiated (usually the class logits)
 * @param wrt tensors to differentiate with respect to: intermediate activations and/or the image input
 * @param variant backward rule for the ReLU family
 * @param extensions nodes to append after the backward, by a unique key (e.g. "gradcam@layer"); their
 *     outputs are named "key/output" in {@link GradientGraph#extensionOutputs()}
 * @param exposeActivations whether whoever runs the graph needs the activations of the {@code wrt}
 *     layers back
 * @param exposeGradients whether whoever runs the graph needs the gradients themselves back (false when
 *     only the extensions' outputs are, which saves copying large tensors out of ONNX Runtime)
 * @param keepModelOutputs also output the model's own outputs (for example its probabilities)
 * @param top1Seed add a {@code top1} input: per sample, a weight given to the one-hot vector of the
 *     sample's highest score, so "explain the prediction" needs no separate forward pass
 */
public record GradientRequest(
    String scoreTensor,
    List<String> wrt,
    BackwardVariant variant,
    Map<String, GraphExtension> extensions,
    boolean exposeActivations,
    boolean exposeGradients,
    boolean keepModelOutputs,
    boolean top1Seed) {

  public GradientRequest {
    Objects.requireNonNull(scoreTensor, "scoreTensor");
    wrt = List.copyOf(wrt);
    if (wrt.isEmpty()) {
      throw new IllegalArgumentException("nothing to differentiate with respect to");
    }
    Objects.requireNonNull(variant, "variant");
    extensions = Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
  }

  /**
   * A builder with the defaults of an explanation run: standard variant, gradients exposed, activations
   * not, model outputs kept, top-1 seeding on, no extensions.
   */
  public static Builder builder(String scoreTensor) {
    return new Builder(scoreTensor);
  }

  /**
   * The union of two requests for the same score tensor, variant and seeding: the tensors of both, the
   * extensions of both, and whatever either exposes.
   */
  public GradientRequest merge(GradientRequest other) {
    if (!other.scoreTensor.equals(scoreTensor) || !other.variant.equals(variant)
        || other.keepModelOutputs != keepModelOutputs || other.top1Seed != top1Seed) {
      throw new IllegalArgumentException("only requests with the same score tensor, variant and seeding merge");
    }
    List<String> all = new ArrayList<>(wrt);
    other.wrt.stream().filter(t -> !all.contains(t)).forEach(all::add);
    Map<String, GraphExtension> ext = new LinkedHashMap<>(extensions);
    ext.putAll(other.extensions);
    return new GradientRequest(scoreTensor, all, variant, ext, exposeActivations || other.exposeActivations,
        exposeGradients || other.exposeGradients, keepModelOutputs, top1Seed);
  }

  /** A stable description of the request, for cache keys. */
  public String cacheKey() {
    StringBuilder sb = new StringBuilder(scoreTensor).append('|').append(String.join(",", wrt)).append('|')
        .append(variant.key()).append('|').append(exposeActivations).append('|').append(exposeGradients)
        .append('|').append(keepModelOutputs).append('|').append(top1Seed);
    extensions.forEach((k, v) -> sb.append('|').append(k).append('=').append(v.cacheKey()));
    return sb.toString();
  }

  /** Builds a request; see {@link GradientRequest#builder} for the defaults. */
  public static final class Builder {
    private final String scoreTensor;
    private final List<String> wrt = new ArrayList<>();
    private BackwardVariant variant = BackwardVariant.STANDARD;
    private final Map<String, GraphExtension> extensions = new LinkedHashMap<>();
    private boolean exposeActivations;
    private boolean exposeGradients = true;
    private boolean keepModelOutputs = true;
    private boolean top1Seed = true;

    private Builder(String scoreTensor) {
      this.scoreTensor = scoreTensor;
    }

    public Builder wrt(String... tensors) {
      wrt.addAll(List.of(tensors));
      return this;
    }

    public Builder wrt(List<String> tensors) {
      wrt.addAll(tensors);
      return this;
    }

    public Builder variant(BackwardVariant v) {
      this.variant = v;
      return this;
    }

    /** Appends an extension; its outputs are named "key/output". */
    public Builder extension(String key, GraphExtension e) {
      extensions.put(key, e);
      return this;
    }

    public Builder extensions(Map<String, GraphExtension> e) {
      extensions.putAll(e);
      return this;
    }

    public Builder exposeActivations(boolean expose) {
      this.exposeActivations = expose;
      return this;
    }

    public Builder exposeGradients(boolean expose) {
      this.exposeGradients = expose;
      return this;
    }

    public Builder keepModelOutputs(boolean keep) {
      this.keepModelOutputs = keep;
      return this;
    }

    public Builder top1Seed(boolean on) {
      this.top1Seed = on;
      return this;
    }

    public GradientRequest build() {
      return new GradientRequest(scoreTensor, wrt, variant, extensions, exposeActivations, exposeGradients,
          keepModelOutputs, top1Seed);
    }
  }
}
