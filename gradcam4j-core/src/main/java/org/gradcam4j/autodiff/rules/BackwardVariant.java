package org.gradcam4j.autodiff.rules;

import java.util.Locale;

/**
 * How gradients pass backwards through ReLU-like nodes. Guided Backpropagation and Deconvnet
 * differ from the plain gradient only here, so they are variants of one compiler rather than
 * separate implementations.
 *
 * <ul>
 *   <li>{@link Mode#STANDARD}: the true gradient, {@code g * [x > 0]}.
 *   <li>{@link Mode#GUIDED}: only positive gradients pass where the input was positive,
 *       {@code relu(g) * [x > 0]} (Springenberg et al. 2015).
 *   <li>{@link Mode#DECONVNET}: the forward mask is ignored and the gradient itself is rectified,
 *       {@code relu(g)} (Zeiler and Fergus 2014).
 * </ul>
 *
 * <p>{@code includeClip} extends the variant to Clip nodes whose lower bound is 0 (ReLU6 and
 * friends, which networks such as MobileNet use instead of Relu). Their upper saturation keeps its
 * ordinary mask. Captum's GuidedBackprop only changes {@code nn.ReLU}, which corresponds to
 * {@code includeClip = false}.
 */
public record BackwardVariant(Mode mode, boolean includeClip) {
  /** The three backward rules for the ReLU family. */
  public enum Mode {
    STANDARD,
    GUIDED,
    DECONVNET
  }

  public static final BackwardVariant STANDARD = new BackwardVariant(Mode.STANDARD, false);
  public static final BackwardVariant GUIDED = new BackwardVariant(Mode.GUIDED, true);
  public static final BackwardVariant DECONVNET = new BackwardVariant(Mode.DECONVNET, true);

  public boolean isStandard() {
    return mode == Mode.STANDARD;
  }

  /** Short stable name, used in cache keys and file names. */
  public String key() {
    return mode.name().toLowerCase(Locale.ROOT) + (includeClip || mode == Mode.STANDARD ? "" : "-relu-only");
  }
}
