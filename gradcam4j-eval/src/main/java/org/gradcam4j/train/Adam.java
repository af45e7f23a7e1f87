package org.gradcam4j.train;

import java.util.HashMap;
import java.util.Map;

/**
 * The Adam optimiser (Kingma and Ba 2015) with decoupled weight decay (AdamW, Loshchilov and Hutter
 * 2019) on biases-excluded weights, over float arrays held in Java.
 */
final class Adam {
  private final double beta1 = 0.9;
  private final double beta2 = 0.999;
  private final double epsilon = 1e-8;
  private final double weightDecay;
  private final Map<String, double[]> first = new HashMap<>();
  private final Map<String, double[]> second = new HashMap<>();
  private int step;

  Adam(double weightDecay) {
    this.weightDecay = weightDecay;
  }

  /** One update of every parameter with its gradient, at learning rate {@code lr}. */
  void update(Map<String, float[]> params, Map<String, float[]> gradients, double lr) {
    step++;
    double c1 = 1 - Math.pow(beta1, step);
    double c2 = 1 - Math.pow(beta2, step);
    for (Map.Entry<String, float[]> e : params.entrySet()) {
      float[] w = e.getValue();
      float[] g = gradients.get(e.getKey());
      double[] m = first.computeIfAbsent(e.getKey(), k -> new double[w.length]);
      double[] v = second.computeIfAbsent(e.getKey(), k -> new double[w.length]);
      boolean decay = e.getKey().endsWith(".weight");
      for (int i = 0; i < w.length; i++) {
        m[i] = beta1 * m[i] + (1 - beta1) * g[i];
        v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
        double update = (m[i] / c1) / (Math.sqrt(v[i] / c2) + epsilon);
        if (decay) {
          update += weightDecay * w[i];
        }
        w[i] -= (float) (lr * update);
      }
    }
  }
}
