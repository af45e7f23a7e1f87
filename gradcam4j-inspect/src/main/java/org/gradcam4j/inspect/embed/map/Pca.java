package org.gradcam4j.inspect.embed.map;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gradcam4j.error.GradCamException;

/**
 * Principal component analysis: the leading eigenvectors of the covariance matrix of the rows, found
 * by subspace iteration with a Rayleigh-Ritz step (a small Jacobi eigen-solve) per iteration. The
 * covariance matrix is formed when the dimension allows (up to 2 048), otherwise it is applied
 * implicitly as {@code X^T (X Q)}.
 *
 * @param mean the column means
 * @param components [k][d] unit vectors, by decreasing variance; each has its largest-magnitude entry
 *     positive (a fixed sign)
 * @param variances the variance along each component (divisor n - 1)
 */
public record Pca(double[] mean, double[][] components, double[] variances) {
  private static final int EXPLICIT_LIMIT = 2048;
  private static final int MAX_ITERATIONS = 500;

  /** The top {@code k} components of the rows of {@code x}. */
  public static Pca fit(float[][] x, int k) {
    int n = x.length;
    if (n < 2) {
      throw new GradCamException("PCA needs at least 2 points, got " + n);
    }
    int d = x[0].length;
    k = Math.min(k, d);
    double[] mean = new double[d];
    for (float[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[][] cov = d <= EXPLICIT_LIMIT ? covariance(x, mean) : null;
    int b = Math.min(d, k + 8);
    SplittableRandom rnd = new SplittableRandom(42);
    double[][] q = new double[b][d]; // columns of Q stored as rows
    for (double[] col : q) {
      for (int j = 0; j < d; j++) {
        col[j] = rnd.nextDouble() - 0.5;
      }
    }
    orthonormalise(q);
    double[] eig = new double[b];
    for (int it = 0; it < MAX_ITERATIONS; it++) {
      double[][] cq = apply(x, mean, cov, q);
      orthonormalise(cq);
      double[][] ccq = apply(x, mean, cov, cq);
      // Rayleigh-Ritz: T = Q^T C Q, eigenvectors V; new Q = Q V.
      double[][] t = new double[b][b];
      for (int a = 0; a < b; a++) {
        for (int c = a; c < b; c++) {
          t[a][c] = t[c][a] = dot(cq[a], ccq[c]);
        }
      }
      double[][] v = new double[b][b];
      double[] w = Jacobi.eigen(t, v);
      double[][] nq = new double[b][d];
      for (int a = 0; a < b; a++) {
        for (int c = 0; c < b; c++) {
          double f = v[c][a];
          for (int j = 0; j < d; j++) {
            nq[a][j] += f * cq[c][j];
          }
        }
      }
      q = nq;
      double change = 0;
      double scale = Math.abs(w[0]) + 1e-300;
      for (int a = 0; a < k; a++) {
        change = Math.max(change, Math.abs(w[a] - eig[a]) / scale);
      }
      eig = w;
      if (it > 2 && change < 1e-13) {
        break;
      }
    }
    double[][] comps = new double[k][];
    double[] vars = new double[k];
    for (int a = 0; a < k; a++) {
      comps[a] = q[a].clone();
      int big = 0;
      for (int j = 1; j < d; j++) {
        if (Math.abs(comps[a][j]) > Math.abs(comps[a][big])) {
          big = j;
        }
      }
      if (comps[a][big] < 0) {
        for (int j = 0; j < d; j++) {
          comps[a][j] = -comps[a][j];
        }
      }
      vars[a] = Math.max(0, eig[a]);
    }
    return new Pca(mean, comps, vars);
  }

  /** The rows of {@code x} in component coordinates: [n][k]. */
  public double[][] transform(float[][] x) {
    double[][] out = new double[x.length][components.length];
    IntStream.range(0, x.length).parallel().forEach(i -> {
      for (int a = 0; a < components.length; a++) {
        double s = 0;
        double[] c = components[a];
        for (int j = 0; j < c.length; j++) {
          s += (x[i][j] - mean[j]) * c[j];
        }
        out[i][a] = s;
      }
    });
    return out;
  }

  /** The rows projected to {@code k} dimensions, as floats. */
  public static float[][] reduce(float[][] x, int k) {
    double[][] y = fit(x, k).transform(x);
    float[][] out = new float[y.length][];
    for (int i = 0; i < y.length; i++) {
      out[i] = new float[y[i].length];
      for (int j = 0; j < y[i].length; j++) {
        out[i][j] = (float) y[i][j];
      }
    }
    return out;
  }

  private static double[][] covariance(float[][] x, double[] mean) {
    int d = mean.length;
    int n = x.length;
    double[][] cov = new double[d][d];
    IntStream.range(0, d).parallel().forEach(a -> {
      double[] row = cov[a];
      for (float[] r : x) {
        double va = r[a] - mean[a];
        if (va == 0) {
          continue;
        }
        for (int c = a; c < d; c++) {
          row[c] += va * (r[c] - mean[c]);
        }
      }
      for (int c = a; c < d; c++) {
        row[c] /= (n - 1);
      }
    });
    for (int a = 0; a < d; a++) {
      for (int c = 0; c < a; c++) {
        cov[a][c] = cov[c][a];
      }
    }
    return cov;
  }

  /** C times each column of q (columns stored as rows). */
  private static double[][] apply(float[][] x, double[] mean, double[][] cov, double[][] q) {
    int b = q.length;
    int d = mean.length;
    double[][] out = new double[b][d];
    if (cov != null) {
      IntStream.range(0, b).parallel().forEach(a -> {
        for (int r = 0; r < d; r++) {
          out[a][r] = dot(cov[r], q[a]);
        }
      });
      return out;
    }
    int n = x.length;
    double[][] xq = new double[n][b];
    IntStream.range(0, n).parallel().forEach(i -> {
      for (int a = 0; a < b; a++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (x[i][j] - mean[j]) * q[a][j];
        }
        xq[i][a] = s;
      }
    });
    IntStream.range(0, b).parallel().forEach(a -> {
      for (int i = 0; i < n; i++) {
        double f = xq[i][a] / (n - 1);
        for (int j = 0; j < d; j++) {
          out[a][j] += (x[i][j] - mean[j]) * f;
        }
      }
    });
    return out;
  }

  static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Modified Gram-Schmidt (twice, for stability); a column that vanishes is replaced by a fresh unit vector. */
  private static void orthonormalise(double[][] q) {
    for (int pass = 0; pass < 2; pass++) {
      for (int a = 0; a < q.length; a++) {
        for (int c = 0; c < a; c++) {
          double p = dot(q[a], q[c]);
          for (int j = 0; j < q[a].length; j++) {
            q[a][j] -= p * q[c][j];
          }
        }
        double norm = Math.sqrt(dot(q[a], q[a]));
        if (norm < 1e-300) {
          java.util.Arrays.fill(q[a], 0);
          q[a][a % q[a].length] = 1;
          a--; // orthogonalise the replacement again
          continue;
        }
        for (int j = 0; j < q[a].length; j++) {
          q[a][j] /= norm;
        }
      }
    }
  }
}
