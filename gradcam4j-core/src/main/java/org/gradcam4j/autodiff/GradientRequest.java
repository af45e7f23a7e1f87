package org.gradcam4j.autodiff;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.gradcam4j.autodiff.rules.BackwardVariant;

/**
 * What to differentiate: the gradients of {@code sum(seed * score)} with respect to the tensors in
 * {@code wrt}, where {@code seed} is fed at run time.
 *
 * @param scoreTensor the tensor whose linear functional is differentiated (usually the class logits)
 * @param wrt tensors to differentiate with respect to: intermediate activations and/or the image input
 * @param variant backward rule for the ReLU family
 * @param keepModelOutputs also output the model's own outputs (for example its probabilities)
 * @param top1Seed add a {@code top1} input: per sample, a weight given to the one-hot vector of the
 *     sample's highest score, so "explain the prediction" needs no separate forward pass
 * @param extension optional nodes to append after the backward (a method's map, for instance)
 */
public record GradientRequest(
    String scoreTensor,
    List<String> wrt,
    BackwardVariant variant,
    boolean keepModelOutputs,
    boolean top1Seed,
    GraphExtension extension) {

  public GradientRequest {
    Objects.requireNonNull(scoreTensor, "scoreTensor");
    wrt = List.copyOf(wrt);
    if (wrt.isEmpty()) {
      throw new IllegalArgumentException("nothing to differentiate with respect to");
    }
    Objects.requireNonNull(variant, "variant");
  }

  public static Builder builder(String scoreTensor) {
    return new Builder(scoreTensor);
  }

  /** A stable description of the request, for cache keys. */
  public String cacheKey() {
    return scoreTensor + "|" + String.join(",", wrt) + "|" + variant.key() + "|" + keepModelOutputs + "|"
        + top1Seed + "|" + (extension == null ? "" : extension.cacheKey());
  }

  /** Builder with sensible defaults: standard variant, model outputs kept, top-1 seeding on. */
  public static final class Builder {
    private final String scoreTensor;
    private final List<String> wrt = new ArrayList<>();
    private BackwardVariant variant = BackwardVariant.STANDARD;
    private boolean keepModelOutputs = true;
    private boolean top1Seed = true;
    private GraphExtension extension;

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

    public Builder keepModelOutputs(boolean keep) {
      this.keepModelOutputs = keep;
      return this;
    }

    public Builder top1Seed(boolean on) {
      this.top1Seed = on;
      return this;
    }

    public Builder extension(GraphExtension e) {
      this.extension = e;
      return this;
    }

    public GradientRequest build() {
      return new GradientRequest(scoreTensor, wrt, variant, keepModelOutputs, top1Seed, extension);
    }
  }
}
