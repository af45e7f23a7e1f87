package org.gradcam4j.autodiff.rules;

import java.util.Locale;
import java.util.Objects;

/**
 * How gradients pass backwards through the network. Guided Backpropagation, Deconvnet, DeepLIFT and
 * LRP differ from the plain gradient only in the rules of a few op kinds, so they are variants of one
 * compiler rather than separate implementations.
 *
 * <ul>
 *   <li>{@link Mode#STANDARD}: the true gradient, {@code g * [x > 0]}.
 *   <li>{@link Mode#GUIDED}: only positive gradients pass where the input was positive,
 *       {@code relu(g) * [x > 0]} (Springenberg et al. 2015).
 *   <li>{@link Mode#DECONVNET}: the forward mask is ignored and the gradient itself is rectified,
 *       {@code relu(g)} (Zeiler and Fergus 2014).
 *   <li>{@link Mode#DEEPLIFT}: the rescale rule (Shrikumar et al. 2017). The last sample of every
 *       batch is the reference input; an element-wise nonlinearity {@code y = f(x)} passes
 *       {@code g * (y - y_ref) / (x - x_ref)} back for the other samples (the plain gradient where
 *       {@code x} is within {@link DeepLiftRescale#EPSILON} of {@code x_ref}, and for the reference
 *       itself). Linear ops keep their rules, so input x multiplier sums to {@code f(x) - f(ref)}.
 *   <li>{@link Mode#LRP}: layer-wise relevance propagation as a modified gradient (relevance =
 *       tensor x modified gradient), with the rules of {@link LrpRules} at every layer.
 * </ul>
 *
 * <p>{@code includeClip} extends the guided and deconvnet variants to Clip nodes whose lower bound is
 * 0 (ReLU6 and friends, which networks such as MobileNet use instead of Relu). Their upper saturation
 * keeps its ordinary mask. Captum's GuidedBackprop only changes {@code nn.ReLU}, which corresponds to
 * {@code includeClip = false}.
 *
 * @param lrp the LRP rules, for {@link Mode#LRP} only ({@code null} otherwise)
 */
public record BackwardVariant(Mode mode, boolean includeClip, LrpRules lrp) {
  /** The backward rule families. */
  public enum Mode {
    STANDARD,
    GUIDED,
    DECONVNET,
    DEEPLIFT,
    LRP
  }

  public static final BackwardVariant STANDARD = new BackwardVariant(Mode.STANDARD, false);
  public static final BackwardVariant GUIDED = new BackwardVariant(Mode.GUIDED, true);
  public static final BackwardVariant DECONVNET = new BackwardVariant(Mode.DECONVNET, true);
  public static final BackwardVariant DEEPLIFT = new BackwardVariant(Mode.DEEPLIFT, true);

  public BackwardVariant {
    Objects.requireNonNull(mode, "mode");
    if ((mode == Mode.LRP) != (lrp != null)) {
      throw new IllegalArgumentException("LRP rules go with (and only with) the LRP mode");
    }
  }

  public BackwardVariant(Mode mode, boolean includeClip) {
    this(mode, includeClip, null);
  }

  /** Layer-wise relevance propagation with these rules. */
  public static BackwardVariant lrp(LrpRules rules) {
    return new BackwardVariant(Mode.LRP, true, rules);
  }

  public boolean isStandard() {
    return mode == Mode.STANDARD;
  }

  /** Guided backpropagation and deconvnet: the variants that rectify the gradient at ReLU-like nodes. */
  public boolean rectifies() {
    return mode == Mode.GUIDED || mode == Mode.DECONVNET;
  }

  /** Short stable name, used in cache keys and file names. */
  public String key() {
    String name = mode.name().toLowerCase(Locale.ROOT);
    if (lrp != null) {
      return name + "-" + lrp.key();
    }
    return name + (includeClip || !rectifies() ? "" : "-relu-only");
  }
}
