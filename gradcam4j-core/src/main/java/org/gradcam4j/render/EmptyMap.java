package org.gradcam4j.render;

import java.util.Optional;
import org.gradcam4j.image.AttributionMode;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Tells when an explanation draws as a blank picture, and says why in words a person can act on.
 *
 * <p>A blank map is often correct: Grad-CAM keeps only positive evidence, so a counterfactual map
 * (the evidence against a class) is zero everywhere when every position of the layer supports the
 * class. Drawn without a word, it looks like a bug; so every place that shows a map says so.
 */
public final class EmptyMap {
  /**
   * A map whose values span less than this is drawn uniformly: normalising it to [0, 1] divides by
   * at least this much (pytorch-grad-cam's epsilon).
   */
  static final double FLAT = 1e-7;

  private EmptyMap() {}

  /** Whether {@code e}, drawn with {@code options}, shows nothing: a flat map or an all-zero attribution. */
  public static boolean isEmpty(Explanation e, RenderOptions options) {
    if (e.attribution() != null) {
      AttributionMode mode = options.attributionMode().forTarget(e.target().isCounterfactual());
      return !hasShownValue(e.attribution(), mode);
    }
    FloatTensor map = e.lowRes() != null ? e.lowRes() : e.inputMap();
    return map != null && isFlat(map.data());
  }

  /**
   * What an empty map means and what to try, e.g. "no evidence against bull mastiff at layer
   * conv10_2: every position there supports it; try another --layer, or gradcam++ or layercam";
   * empty when the map shows something.
   *
   * @param className the explained class as people call it (its label, or "class 243")
   */
  public static Optional<String> note(Explanation e, RenderOptions options, String className) {
    if (!isEmpty(e, options)) {
      return Optional.empty();
    }
    boolean against = e.target().isCounterfactual();
    String what = "no evidence " + (against ? "against " : "for ") + className;
    if (e.attribution() != null) {
      if (hasShownValue(e.attribution(), AttributionMode.SIGNED)) {
        return Optional.of(what + ": the attribution has no part of this sign; --attribution absolute or signed"
            + " shows all of it");
      }
      // Guided Grad-CAM multiplies by a class activation map: an empty map there empties it all.
      return Optional.of(what + ": the attribution is zero everywhere"
          + (e.layer() == null ? "" : " (its class activation map at layer " + e.layer() + " is empty; try another --layer)"));
    }
    if (e.layer() == null) {
      return Optional.of(what + ": the map is flat");
    }
    return Optional.of(what + " at layer " + e.layer() + ": every position there "
        + (against ? "supports it" : "counts against it or not at all")
        + "; try another --layer, or gradcam++ or layercam, which weigh positions differently");
  }

  /** A short form for a picture's caption: "no evidence against bull mastiff". */
  public static Optional<String> caption(Explanation e, RenderOptions options, String className) {
    if (!isEmpty(e, options)) {
      return Optional.empty();
    }
    return Optional.of("no evidence " + (e.target().isCounterfactual() ? "against " : "for ") + className);
  }

  private static boolean isFlat(float[] values) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return values.length == 0 || max - min < FLAT;
  }

  private static boolean hasShownValue(FloatTensor attribution, AttributionMode mode) {
    for (float v : attribution.data()) {
      boolean shown = switch (mode) {
        case POSITIVE -> v > 0;
        case NEGATIVE -> v < 0;
        case AUTO, ABSOLUTE, SIGNED -> v != 0;
      };
      if (shown) {
        return true;
      }
    }
    return false;
  }
}
