package org.gradcam4j.methods;

/** Integration rules on [0, 1]. */
final class Quadrature {
  private Quadrature() {}

  /**
   * The n-point Gauss-Legendre rule mapped to [0, 1]: {@code {nodes, weights}}, nodes ascending,
   * weights summing to 1. Nodes are the roots of the Legendre polynomial P_n, found by Newton's
   * method from the usual Chebyshev-like starting points.
   */
  static double[][] gaussLegendre(int n) {
    double[] nodes = new double[n];
    double[] weights = new double[n];
    for (int i = 0; i < (n + 1) / 2; i++) {
      double x = Math.cos(Math.PI * (i + 0.75) / (n + 0.5));
      double derivative = 0;
      for (int it = 0; it < 100; it++) {
        double p0 = 1;
        double p1 = x;
        for (int k = 2; k <= n; k++) {
          double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
          p0 = p1;
          p1 = p2;
        }
        if (n == 1) {
          p0 = 1;
          p1 = x;
        }
        derivative = n * (x * p1 - p0) / (x * x - 1);
        double dx = p1 / derivative;
        x -= dx;
        if (Math.abs(dx) < 1e-15) {
          break;
        }
      }
      double w = 2 / ((1 - x * x) * derivative * derivative);
      // Map [-1, 1] to [0, 1]: t = (x + 1) / 2, weight halves.
      nodes[i] = (1 - x) / 2;
      nodes[n - 1 - i] = (1 + x) / 2;
      weights[i] = w / 2;
      weights[n - 1 - i] = w / 2;
    }
    return new double[][] {nodes, weights};
  }
}
