package org.gradcam4j.inspect.visualize;

/**
 * How the optimised image is represented: a square RGB canvas in [0, 1], produced from parameters that
 * gradient ascent moves.
 */
interface Parameterization {
  /** Side of the canvas in pixels. */
  int canvas();

  /** The current canvas, [3, S, S] in [0, 1] (the array is owned by the parameterisation; do not modify). */
  float[] rgb();

  /** One ascent step, given the objective's gradient with respect to {@link #rgb()}. */
  void ascend(float[] gradRgb);
}
