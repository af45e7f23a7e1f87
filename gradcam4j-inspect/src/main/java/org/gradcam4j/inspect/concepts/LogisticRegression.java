package org.gradcam4j.inspect.concepts;

/**
 * L2-regularised logistic regression for few examples of many features (tens to hundreds of images,
 * thousands of activations each): it minimises
 * {@code mean_i log(1 + exp(-y_i (w . x_i + b))) + l2 / 2 |w|^2} over the centred features, scaled so
 * that their mean squared norm is one (which makes {@code l2} mean the same at every layer). The
 * intercept is not regularised.
 *
 * <p>The minimiser lies in the span of the examples, {@code w = sum_i alpha_i x_i}, so the problem is
 * solved in the n dimensions of {@code alpha} with the examples' Gram matrix: Newton's method with a
 * backtracking line search, a handful of n x n solves instead of iterations over every feature.
 */
public final class LogisticRegression {
  private static final int MAX_NEWTON_STEPS = 100;

  private LogisticRegression() {}

  /**
   * A fitted boundary: {@code margin(x) = scale * weights . (x - centre) + bias}, positive on the side of
   * the positive examples.
   */
  public record Boundary(double[] weights, double bias, float[] centre, double scale) {
    public double margin(float[] x) {
      double s = 0;
      for (int j = 0; j < weights.length; j++) {
        s += weights[j] * (x[j] - centre[j]);
      }
      return scale * s + bias;
    }

    /** The unit normal of the boundary, pointing to the positive side, in the original feature space. */
    public float[] unitNormal() {
      double norm = 0;
      for (double w : weights) {
        norm += w * w;
      }
      norm = Math.sqrt(norm);
      float[] n = new float[weights.length];
      for (int j = 0; j < n.length; j++) {
        n[j] = norm == 0 ? 0 : (float) (weights[j] / norm);
      }
      return n;
    }
  }

  /**
   * Fits the examples {@code x} (rows of equal length) with labels {@code positive}; both classes must
   * be present.
   */
  public static Boundary fit(float[][] x, boolean[] positive, double l2) {
    int n = x.length;
    if (n != positive.length || n < 2) {
      throw new IllegalArgumentException("need at least two examples with one label each");
    }
    if (!(l2 > 0)) {
      throw new IllegalArgumentException("the L2 penalty must be positive, got " + l2);
    }
    int d = x[0].length;
    float[] centre = new float[d];
    double[] sum = new double[d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        sum[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      centre[j] = (float) (sum[j] / n);
    }
    double[][] k = gram(x, centre);
    double meanSquaredNorm = 0;
    for (int i = 0; i < n; i++) {
      meanSquaredNorm += k[i][i] / n;
    }
    double scale = meanSquaredNorm > 0 ? 1 / Math.sqrt(meanSquaredNorm) : 1;
    for (double[] row : k) {
      for (int j = 0; j < n; j++) {
        row[j] *= scale * scale;
      }
    }
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = positive[i] ? 1 : -1;
    }
    double[] alpha = new double[n + 1]; // alpha[n] is the bias
    newton(k, y, l2, alpha);
    double[] w = new double[d];
    for (int i = 0; i < n; i++) {
      double a = alpha[i] * scale;
      if (a != 0) {
        for (int j = 0; j < d; j++) {
          w[j] += a * (x[i][j] - centre[j]);
        }
      }
    }
    return new Boundary(w, alpha[n], centre, scale);
  }

  /** The Gram matrix of the centred rows. */
  private static double[][] gram(float[][] x, float[] centre) {
    int n = x.length;
    int d = centre.length;
    double[][] centred = new double[n][];
    for (int i = 0; i < n; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException("row " + i + " has " + x[i].length + " features, not " + d);
      }
      centred[i] = new double[d];
      for (int j = 0; j < d; j++) {
        centred[i][j] = x[i][j] - centre[j];
      }
    }
    double[][] k = new double[n][n];
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      for (int m = 0; m <= i; m++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += centred[i][j] * centred[m][j];
        }
        k[i][m] = s;
      }
    });
    for (int i = 0; i < n; i++) {
      for (int m = i + 1; m < n; m++) {
        k[i][m] = k[m][i];
      }
    }
    return k;
  }

  /** Newton's method on (alpha, bias) = {@code p}, in place. */
  private static void newton(double[][] k, double[] y, double l2, double[] p) {
    int n = y.length;
    double[] margins = margins(k, p);
    double objective = objective(k, y, l2, p, margins);
    for (int step = 0; step < MAX_NEWTON_STEPS; step++) {
      double[] g = new double[n];
      double[] h = new double[n];
      for (int i = 0; i < n; i++) {
        double prob = sigmoid(margins[i]);
        g[i] = -y[i] * sigmoid(-y[i] * margins[i]) / n; // d loss / d margin_i
        h[i] = prob * (1 - prob) / n;
      }
      // The Hessian's alpha rows all carry a factor K on the left; dropping it leaves a system with the
      // same solutions that stays regular where K is singular.
      double[][] a = new double[n + 1][n + 1];
      double[] rhs = new double[n + 1];
      double gSum = 0;
      for (int i = 0; i < n; i++) {
        for (int m = 0; m < n; m++) {
          a[i][m] = h[i] * k[i][m];
          a[n][m] += h[i] * k[i][m];
        }
        a[i][i] += l2;
        a[i][n] = h[i];
        a[n][n] += h[i];
        rhs[i] = -(g[i] + l2 * p[i]);
        gSum += g[i];
      }
      a[n][n] += 1e-12;
      rhs[n] = -gSum;
      double[] delta = solve(a, rhs);
      // Directional derivative of the objective along delta: the true gradient is (K (g + l2 alpha), sum g).
      double slope = delta[n] * gSum;
      for (int i = 0; i < n; i++) {
        double kd = 0;
        for (int m = 0; m < n; m++) {
          kd += k[i][m] * delta[m];
        }
        slope += kd * (g[i] + l2 * p[i]);
      }
      if (!(slope < -1e-14)) {
        return;
      }
      double t = 1;
      double[] trial = new double[n + 1];
      double trialObjective;
      double[] trialMargins;
      do {
        for (int i = 0; i <= n; i++) {
          trial[i] = p[i] + t * delta[i];
        }
        trialMargins = margins(k, trial);
        trialObjective = objective(k, y, l2, trial, trialMargins);
        t /= 2;
      } while (trialObjective > objective + 1e-4 * 2 * t * slope && t > 1e-10);
      System.arraycopy(trial, 0, p, 0, n + 1);
      margins = trialMargins;
      double gain = objective - trialObjective;
      objective = trialObjective;
      if (gain < 1e-13) {
        return;
      }
    }
  }

  private static double[] margins(double[][] k, double[] p) {
    int n = k.length;
    double[] m = new double[n];
    for (int i = 0; i < n; i++) {
      double s = p[n];
      for (int j = 0; j < n; j++) {
        s += k[i][j] * p[j];
      }
      m[i] = s;
    }
    return m;
  }

  private static double objective(double[][] k, double[] y, double l2, double[] p, double[] margins) {
    int n = y.length;
    double loss = 0;
    double penalty = 0;
    for (int i = 0; i < n; i++) {
      loss += softplus(-y[i] * margins[i]);
      penalty += p[i] * (margins[i] - p[n]); // alpha . K alpha
    }
    return loss / n + l2 / 2 * penalty;
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  /** log(1 + e^z) without overflow. */
  private static double softplus(double z) {
    return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
  }

  /** Solves {@code a x = b} by Gaussian elimination with partial pivoting (a and b are overwritten). */
  static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] rowTmp = a[col];
      a[col] = a[pivot];
      a[pivot] = rowTmp;
      double bTmp = b[col];
      b[col] = b[pivot];
      b[pivot] = bTmp;
      double diag = a[col][col];
      if (diag == 0) {
        continue;
      }
      for (int r = col + 1; r < n; r++) {
        double f = a[r][col] / diag;
        if (f != 0) {
          for (int c = col; c < n; c++) {
            a[r][c] -= f * a[col][c];
          }
          b[r] -= f * b[col];
        }
      }
    }
    double[] x = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double s = b[r];
      for (int c = r + 1; c < n; c++) {
        s -= a[r][c] * x[c];
      }
      x[r] = a[r][r] == 0 ? 0 : s / a[r][r];
    }
    return x;
  }
}
