package org.gradcam4j.inspect.embed.map;

/** Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations. */
final class Jacobi {
  private Jacobi() {}

  /**
   * The eigenvalues of symmetric {@code a} (which is overwritten), largest first; {@code v} receives
   * the eigenvectors as columns ({@code v[row][col]}), in the same order.
   */
  static double[] eigen(double[][] a, double[][] v) {
    int n = a.length;
    for (int i = 0; i < n; i++) {
      java.util.Arrays.fill(v[i], 0);
      v[i][i] = 1;
    }
    for (int sweep = 0; sweep < 100; sweep++) {
      double off = 0;
      double diag = 0;
      for (int p = 0; p < n; p++) {
        diag += a[p][p] * a[p][p];
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off <= 1e-30 * diag || off == 0) {
        break;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (a[p][q] == 0) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[] w = new double[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      w[i] = a[i][i];
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(w[y], w[x]));
    double[] sorted = new double[n];
    double[][] vs = new double[n][n];
    for (int c = 0; c < n; c++) {
      sorted[c] = w[order[c]];
      for (int r = 0; r < n; r++) {
        vs[r][c] = v[r][order[c]];
      }
    }
    for (int r = 0; r < n; r++) {
      System.arraycopy(vs[r], 0, v[r], 0, n);
    }
    return sorted;
  }
}
