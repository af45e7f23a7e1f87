package org.gradcam4j.math;

/**
 * Weighted linear least squares with an optional ridge penalty and an unpenalised intercept, solved
 * through the normal equations {@code (X^T W X + ridge I) b = X^T W y} by a Cholesky factorisation.
 * Sized for the surrogate models of LIME and KernelSHAP (tens to a few hundred features), where a
 * linear-algebra library would be a dependency for one function.
 */
public final class WeightedLeastSquares {
  private WeightedLeastSquares() {}

  /** The fitted coefficients and intercept (0 when fitted without one). */
  public record Fit(double[] coefficients, double intercept) {}

  /**
   * Fits {@code y ~ intercept + X b}, minimising {@code sum_i w_i (y_i - intercept - x_i b)^2 + ridge
   * |b|^2} (scikit-learn's {@code Ridge} with sample weights; {@code ridge = 0} is plain weighted least
   * squares).
   *
   * @param x rows of features, all of the same length
   * @param withIntercept whether to fit an intercept (by weighted centring, so it is not penalised)
   * @throws IllegalArgumentException when the problem is singular (e.g. a feature that never varies and
   *     no ridge)
   */
  public static Fit fit(double[][] x, double[] y, double[] w, double ridge, boolean withIntercept) {
    int n = x.length;
    int k = n == 0 ? 0 : x[0].length;
    double[] meanX = new double[k];
    double meanY = 0;
    if (withIntercept) {
      double total = 0;
      for (int i = 0; i < n; i++) {
        total += w[i];
        meanY += w[i] * y[i];
        for (int j = 0; j < k; j++) {
          meanX[j] += w[i] * x[i][j];
        }
      }
      meanY /= total;
      for (int j = 0; j < k; j++) {
        meanX[j] /= total;
      }
    }
    double[][] a = new double[k][k];
    double[] b = new double[k];
    double[] row = new double[k];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        row[j] = x[i][j] - meanX[j];
      }
      double wy = w[i] * (y[i] - meanY);
      for (int j = 0; j < k; j++) {
        double wr = w[i] * row[j];
        if (wr == 0) {
          continue;
        }
        b[j] += row[j] * wy;
        for (int l = 0; l <= j; l++) {
          a[j][l] += wr * row[l];
        }
      }
    }
    for (int j = 0; j < k; j++) {
      a[j][j] += ridge;
      for (int l = 0; l < j; l++) {
        a[l][j] = a[j][l];
      }
    }
    double[] coef = solveSymmetric(a, b);
    double intercept = meanY;
    for (int j = 0; j < k; j++) {
      intercept -= meanX[j] * coef[j];
    }
    return new Fit(coef, withIntercept ? intercept : 0);
  }

  /** Solves {@code a z = b} for a symmetric positive definite {@code a} (Cholesky; {@code a} is overwritten). */
  static double[] solveSymmetric(double[][] a, double[] b) {
    int k = b.length;
    double scale = 0;
    for (int j = 0; j < k; j++) {
      scale = Math.max(scale, Math.abs(a[j][j]));
    }
    for (int j = 0; j < k; j++) {
      double d = a[j][j];
      for (int l = 0; l < j; l++) {
        d -= a[j][l] * a[j][l];
      }
      if (!(d > 1e-12 * Math.max(scale, Double.MIN_NORMAL))) {
        throw new IllegalArgumentException("the least-squares problem is singular (feature " + j
            + " is constant or a combination of others)");
      }
      a[j][j] = Math.sqrt(d);
      for (int i = j + 1; i < k; i++) {
        double s = a[i][j];
        for (int l = 0; l < j; l++) {
          s -= a[i][l] * a[j][l];
        }
        a[i][j] = s / a[j][j];
      }
    }
    double[] z = new double[k];
    for (int i = 0; i < k; i++) {
      double s = b[i];
      for (int l = 0; l < i; l++) {
        s -= a[i][l] * z[l];
      }
      z[i] = s / a[i][i];
    }
    for (int i = k - 1; i >= 0; i--) {
      double s = z[i];
      for (int l = i + 1; l < k; l++) {
        s -= a[l][i] * z[l];
      }
      z[i] = s / a[i][i];
    }
    return z;
  }
}
