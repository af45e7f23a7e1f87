package org.gradcam4j.data;

/**
 * A plane figure given by an exact inside test, in coordinates centred on the figure. Every point
 * inside lies within {@link #radius()} of the origin, which bounds the pixels that need testing.
 */
interface Region {
  boolean contains(double x, double y);

  double radius();

  /** {@link #classifyDisc} answer: the whole disc is inside. */
  int INSIDE = 1;
  /** {@link #classifyDisc} answer: the whole disc is outside. */
  int OUTSIDE = -1;
  /** {@link #classifyDisc} answer: the disc may be partly inside; test its points. */
  int UNKNOWN = 0;

  /**
   * A conservative answer for the disc of radius {@code r} around (x, y): {@link #INSIDE} or
   * {@link #OUTSIDE} only when every point of the disc is so. It lets the rasteriser skip the
   * sub-pixel tests of pixels far from the edge without changing the result.
   */
  default int classifyDisc(double x, double y, double r) {
    return UNKNOWN;
  }
}
