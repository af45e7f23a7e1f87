package org.gradcam4j.math;

/** The softmax function, computed stably (shifted by the maximum) in double precision. */
public final class Softmax {
  private Softmax() {}

  public static double[] of(double[] scores) {
    double max = Double.NEGATIVE_INFINITY;
    for (double s : scores) {
      max = Math.max(max, s);
    }
    double total = 0;
    double[] p = new double[scores.length];
    for (int k = 0; k < scores.length; k++) {
      p[k] = Math.exp(scores[k] - max);
      total += p[k];
    }
    for (int k = 0; k < scores.length; k++) {
      p[k] /= total;
    }
    return p;
  }

  public static double[] of(float[] scores) {
    double[] d = new double[scores.length];
    for (int k = 0; k < d.length; k++) {
      d[k] = scores[k];
    }
    return of(d);
  }

  public static float[] toFloat(double[] values) {
    float[] f = new float[values.length];
    for (int k = 0; k < f.length; k++) {
      f[k] = (float) values[k];
    }
    return f;
  }
}
