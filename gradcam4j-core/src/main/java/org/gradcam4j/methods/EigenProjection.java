package org.gradcam4j.methods;

import org.gradcam4j.runtime.FloatTensor;

/**
 * The projection of a [C, h, w] activation onto its first principal component, as Eigen-CAM
 * (Muhammad and Yeasin 2020) and pytorch-grad-cam's eigen smoothing define it: the h*w positions are
 * the samples and the C channels the features; positions are centred, and each position's map value
 * is its coordinate along the direction of largest variance.
 *
 * <p>The component is found by power iteration on the C x C (or h*w x h*w, whichever is smaller)
 * Gram matrix, in double precision. A principal component has no intrinsic sign; the sign is chosen
 * so that the map correlates positively with the channel sum of the activation, which makes the map
 * highlight where the layer is active.
 */
final class EigenProjection {
  private static final int ITERATIONS = 300;

  private EigenProjection() {}

  /** The first-component map [h, w]; with {@code rectify} negative values are set to zero. */
  static FloatTensor firstComponentMap(FloatTensor activation, boolean rectify) {
    int c = (int) activation.dim(0);
    int h = (int) activation.dim(1);
    int w = (int) activation.dim(2);
    int n = h * w;
    double[][] x = new double[n][c];
    float[] a = activation.data();
    for (int k = 0; k < c; k++) {
      double mean = 0;
      for (int p = 0; p < n; p++) {
        mean += a[k * n + p];
      }
      mean /= n;
      for (int p = 0; p < n; p++) {
        x[p][k] = a[k * n + p] - mean;
      }
    }
    double[] projection = new double[n];
    if (c <= n) {
      double[][] gram = new double[c][c];
      for (double[] row : x) {
        for (int i = 0; i < c; i++) {
          if (row[i] == 0) {
            continue;
          }
          for (int j = 0; j < c; j++) {
            gram[i][j] += row[i] * row[j];
          }
        }
      }
      double[] v = topEigenvector(gram);
      for (int p = 0; p < n; p++) {
        double s = 0;
        for (int k = 0; k < c; k++) {
          s += x[p][k] * v[k];
        }
        projection[p] = s;
      }
    } else {
      double[][] gram = new double[n][n];
      for (int p = 0; p < n; p++) {
        for (int q = p; q < n; q++) {
          double s = 0;
          for (int k = 0; k < c; k++) {
            s += x[p][k] * x[q][k];
          }
          gram[p][q] = s;
          gram[q][p] = s;
        }
      }
      double[] u = topEigenvector(gram);
      // X v = sigma u, so the projection is u scaled by sigma = sqrt(eigenvalue).
      double sigma = Math.sqrt(Math.max(0, rayleigh(gram, u)));
      for (int p = 0; p < n; p++) {
        projection[p] = sigma * u[p];
      }
    }
    double agreement = 0;
    for (int p = 0; p < n; p++) {
      double total = 0;
      for (int k = 0; k < c; k++) {
        total += a[k * n + p];
      }
      agreement += projection[p] * total;
    }
    float[] map = new float[n];
    for (int p = 0; p < n; p++) {
      double v = agreement < 0 ? -projection[p] : projection[p];
      map[p] = (float) (rectify ? Math.max(0, v) : v);
    }
    return new FloatTensor(new long[] {h, w}, map);
  }

  private static double[] topEigenvector(double[][] m) {
    int n = m.length;
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = 1.0 / Math.sqrt(n) * (1 + 0.01 * i);
    }
    for (int it = 0; it < ITERATIONS; it++) {
      double[] next = new double[n];
      for (int i = 0; i < n; i++) {
        double s = 0;
        for (int j = 0; j < n; j++) {
          s += m[i][j] * v[j];
        }
        next[i] = s;
      }
      double norm = 0;
      for (double d : next) {
        norm += d * d;
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        return v;
      }
      double change = 0;
      for (int i = 0; i < n; i++) {
        next[i] /= norm;
        change += Math.abs(next[i] - v[i]);
      }
      v = next;
      if (change < 1e-12) {
        break;
      }
    }
    return v;
  }

  private static double rayleigh(double[][] m, double[] v) {
    double s = 0;
    for (int i = 0; i < v.length; i++) {
      for (int j = 0; j < v.length; j++) {
        s += v[i] * m[i][j] * v[j];
      }
    }
    return s;
  }
}
