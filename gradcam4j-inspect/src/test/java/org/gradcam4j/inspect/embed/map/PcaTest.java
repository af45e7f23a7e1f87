package org.gradcam4j.inspect.embed.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaTest {
  /**
   * Data built from three orthonormal directions in 40 dimensions with standard deviations 5, 3 and 1
   * (and no noise): PCA must find those directions (up to sign), their variances, and zero beyond.
   */
  @Test
  void recoversKnownDirectionsAndVariances() {
    int d = 40;
    int n = 4000;
    SplittableRandom r = new SplittableRandom(11);
    double[][] dirs = new double[3][d];
    for (double[] v : dirs) {
      for (int j = 0; j < d; j++) {
        v[j] = r.nextGaussian();
      }
    }
    // Gram-Schmidt.
    for (int a = 0; a < 3; a++) {
      for (int b = 0; b < a; b++) {
        double p = Pca.dot(dirs[a], dirs[b]);
        for (int j = 0; j < d; j++) {
          dirs[a][j] -= p * dirs[b][j];
        }
      }
      double norm = Math.sqrt(Pca.dot(dirs[a], dirs[a]));
      for (int j = 0; j < d; j++) {
        dirs[a][j] /= norm;
      }
    }
    double[] sd = {5, 3, 1};
    double[][] coef = new double[n][3];
    float[][] x = new float[n][d];
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < 3; a++) {
        coef[i][a] = r.nextGaussian() * sd[a];
      }
    }
    // Make the coefficients exactly centred and uncorrelated, so the true variances are known exactly.
    double[] emp = whiten(coef, sd);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double v = 7.5; // an offset, removed by centring
        for (int a = 0; a < 3; a++) {
          v += coef[i][a] * dirs[a][j];
        }
        x[i][j] = (float) v;
      }
    }
    Pca pca = Pca.fit(x, 4);
    for (int a = 0; a < 3; a++) {
      assertThat(pca.variances()[a]).isCloseTo(emp[a], offset(1e-3 * emp[a]));
      assertThat(Math.abs(Pca.dot(pca.components()[a], dirs[a]))).isCloseTo(1.0, offset(1e-5));
    }
    assertThat(pca.variances()[3]).isLessThan(1e-4);
    double[][] y = pca.transform(x);
    for (int i = 0; i < 50; i++) {
      assertThat(Math.abs(y[i][0])).isCloseTo(Math.abs(coef[i][0]), offset(1e-3));
    }
  }

  /** Centres the columns and makes them uncorrelated with the given standard deviations; returns the variances. */
  private static double[] whiten(double[][] c, double[] sd) {
    int n = c.length;
    int k = sd.length;
    for (int a = 0; a < k; a++) {
      double m = 0;
      for (double[] row : c) {
        m += row[a];
      }
      m /= n;
      for (double[] row : c) {
        row[a] -= m;
      }
      // Remove the projections on the previous columns.
      for (int b = 0; b < a; b++) {
        double num = 0;
        double den = 0;
        for (double[] row : c) {
          num += row[a] * row[b];
          den += row[b] * row[b];
        }
        for (double[] row : c) {
          row[a] -= num / den * row[b];
        }
      }
      double v = 0;
      for (double[] row : c) {
        v += row[a] * row[a];
      }
      double s = sd[a] / Math.sqrt(v / (n - 1));
      for (double[] row : c) {
        row[a] *= s;
      }
    }
    double[] vars = new double[k];
    for (int a = 0; a < k; a++) {
      vars[a] = sd[a] * sd[a];
    }
    return vars;
  }

  @Test
  void jacobiDiagonalisesASymmetricMatrix() {
    double[][] a = {{4, 1, 2}, {1, 3, 0.5}, {2, 0.5, 1}};
    double[][] copy = {a[0].clone(), a[1].clone(), a[2].clone()};
    double[][] v = new double[3][3];
    double[] w = Jacobi.eigen(a, v);
    assertThat(w[0]).isGreaterThanOrEqualTo(w[1]);
    assertThat(w[1]).isGreaterThanOrEqualTo(w[2]);
    for (int c = 0; c < 3; c++) {
      for (int r = 0; r < 3; r++) {
        double av = 0;
        for (int j = 0; j < 3; j++) {
          av += copy[r][j] * v[j][c];
        }
        assertThat(av).isCloseTo(w[c] * v[r][c], offset(1e-10));
      }
    }
    assertThat(w[0] + w[1] + w[2]).isCloseTo(8.0, offset(1e-10));
  }
}
