package org.gradcam4j.autodiff.rules;

import java.util.Locale;
import java.util.Objects;

/**
 * The LRP rules of a composite: one rule for convolutions, one for linear (fully connected) layers;
 * every other layer (pooling, batch normalisation, additions) uses the epsilon rule.
 *
 * <p>Each rule redistributes the relevance {@code R_j} of a layer output {@code z_j} to its inputs
 * {@code x_i} in proportion to modified contributions {@code x_i w'_ij}:
 * {@code R_i = x_i * sum_j w'_ij R_j / (z'_j + epsilon * sign(z'_j))}, with {@code z'_j} the layer
 * computed with the weights {@code w'} (and its bias). Written with a modified gradient {@code g}
 * ({@code R = tensor * g}), that is the layer's ordinary input gradient for the weights {@code w'},
 * applied to {@code g_out * z / (z' + epsilon * sign(z'))}.
 *
 * @param conv the rule for Conv layers
 * @param linear the rule for Gemm and MatMul layers
 * @param epsilon the stabiliser added to every denominator (with the sign of the denominator; 0 counts
 *     as positive, as in Captum)
 * @param gamma the weight of the positive part in the gamma rule, {@code w' = w + gamma * max(w, 0)}
 */
public record LrpRules(Rule conv, Rule linear, float epsilon, float gamma) {
  /** A layer's relevance rule. */
  public enum Rule {
    /** {@code w' = w}: relevance in proportion to the contributions (LRP-epsilon; LRP-0 when epsilon is 0). */
    EPSILON,
    /** {@code w' = w + gamma * max(w, 0)}: positive contributions favoured. */
    GAMMA,
    /** {@code w' = max(w, 0)}: only positive contributions (z+, alpha=1 beta=0 for non-negative inputs). */
    ZPLUS;

    /** The name the CLI takes and reports, e.g. "zplus". */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Captum's LRP default: the epsilon rule everywhere with epsilon = 1e-9. */
  public static final LrpRules EPSILON_EVERYWHERE = new LrpRules(Rule.EPSILON, Rule.EPSILON, 1e-9f, 0.25f);

  public LrpRules {
    Objects.requireNonNull(conv, "conv");
    Objects.requireNonNull(linear, "linear");
    if (!(epsilon >= 0) || !(gamma >= 0)) {
      throw new IllegalArgumentException("LRP epsilon and gamma must be >= 0, got " + epsilon + " and " + gamma);
    }
  }

  /** Short stable name for cache keys. */
  public String key() {
    return "conv:" + conv + ",linear:" + linear + ",eps:" + epsilon + ",gamma:" + gamma;
  }
}
