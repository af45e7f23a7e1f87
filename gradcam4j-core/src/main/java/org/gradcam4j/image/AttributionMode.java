package org.gradcam4j.image;

import java.util.Locale;

/** Which part of a signed pixel attribution to show. */
public enum AttributionMode {
  /**
   * {@link #ABSOLUTE} for an ordinary target, {@link #POSITIVE} for a counterfactual one: the
   * attribution of a counterfactual target is the negated one, so its positive part is the evidence
   * against the class, while its magnitude would look exactly like the plain map's.
   */
  AUTO,
  /** The magnitude |a|: everything that matters, whatever its sign. */
  ABSOLUTE,
  /** Only evidence for the explained functional: max(a, 0). */
  POSITIVE,
  /** Only evidence against the explained functional: max(-a, 0). */
  NEGATIVE,
  /** Both signs, 0 in the middle of the scale (use a diverging colormap). */
  SIGNED;

  /** The mode to draw with for a target that is (or is not) counterfactual; only {@link #AUTO} depends on it. */
  public AttributionMode forTarget(boolean counterfactual) {
    if (this != AUTO) {
      return this;
    }
    return counterfactual ? POSITIVE : ABSOLUTE;
  }

  /** The word the command line takes, e.g. "absolute". */
  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
