package org.gradcam4j.image;

/** Which part of a signed pixel attribution to show. */
public enum AttributionMode {
  /** The magnitude |a|: everything that matters, whatever its sign. */
  ABSOLUTE,
  /** Only evidence for the class: max(a, 0). */
  POSITIVE,
  /** Only evidence against the class: max(-a, 0). */
  NEGATIVE,
  /** Both signs, 0 in the middle of the scale (use a diverging colormap). */
  SIGNED
}
