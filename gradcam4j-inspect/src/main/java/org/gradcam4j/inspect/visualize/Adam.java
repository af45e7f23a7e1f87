package org.gradcam4j.inspect.visualize;

/** Adam (Kingma and Ba 2015) for ascent: parameters move along the bias-corrected moment ratio. */
final class Adam {
  private static final double BETA1 = 0.9;
  private static final double BETA2 = 0.999;
  private static final double EPSILON = 1e-8;

  private final double rate;
  private final double[] m;
  private final double[] v;
  private int t;

  Adam(int size, double rate) {
    this.rate = rate;
    this.m = new double[size];
    this.v = new double[size];
  }

  /** Moves {@code params} uphill along {@code grad}. */
  void ascend(double[] params, double[] grad) {
    t++;
    double c1 = 1 - Math.pow(BETA1, t);
    double c2 = 1 - Math.pow(BETA2, t);
    for (int i = 0; i < params.length; i++) {
      m[i] = BETA1 * m[i] + (1 - BETA1) * grad[i];
      v[i] = BETA2 * v[i] + (1 - BETA2) * grad[i] * grad[i];
      params[i] += rate * (m[i] / c1) / (Math.sqrt(v[i] / c2) + EPSILON);
    }
  }
}
