package org.gradcam4j.inspect.concepts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LogisticRegressionTest {
  /**
   * Points on either side of a known hyperplane through a shifted origin, in more dimensions than
   * points (as layer activations are), with a margin: every point must land on its side, and the normal
   * must point along the true one.
   */
  @Test
  void separatesALinearlySeparableSetAlongTheTrueNormal() {
    int d = 300;
    int n = 80;
    Random r = new Random(3);
    double[] normal = new double[d];
    double norm = 0;
    for (int j = 0; j < d; j++) {
      normal[j] = r.nextGaussian();
      norm += normal[j] * normal[j];
    }
    for (int j = 0; j < d; j++) {
      normal[j] /= Math.sqrt(norm);
    }
    float[][] x = new float[n][d];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      positive[i] = i % 2 == 0;
      double along = 0;
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) (5 + r.nextGaussian());
        along += (x[i][j] - 5) * normal[j];
      }
      // Move the point so that its offset along the normal is +-(2..3), whatever the noise gave it.
      double target = (positive[i] ? 1 : -1) * (2 + r.nextDouble());
      for (int j = 0; j < d; j++) {
        x[i][j] += (float) ((target - along) * normal[j]);
      }
    }
    LogisticRegression.Boundary b = LogisticRegression.fit(x, positive, 0.01);
    for (int i = 0; i < n; i++) {
      assertThat(b.margin(x[i]) > 0).as("point %d", i).isEqualTo(positive[i]);
    }
    float[] u = b.unitNormal();
    double cos = 0;
    double len = 0;
    for (int j = 0; j < d; j++) {
      cos += u[j] * normal[j];
      len += u[j] * u[j];
    }
    assertThat(len).isCloseTo(1, org.assertj.core.data.Offset.offset(1e-5));
    // The noise spans the other 299 directions, so the fit leans on them a little; it must still
    // point mostly along the true normal.
    assertThat(cos).isGreaterThan(0.8);
  }

  /** At the optimum the gradient of the penalised loss vanishes: checked against the definition. */
  @Test
  void theFitIsAStationaryPointOfThePenalisedLoss() {
    Random r = new Random(11);
    int n = 30;
    int d = 5;
    float[][] x = new float[n][d];
    boolean[] positive = new boolean[n];
    for (int i = 0; i < n; i++) {
      positive[i] = r.nextBoolean();
      for (int j = 0; j < d; j++) {
        x[i][j] = (float) (r.nextGaussian() + (positive[i] && j == 0 ? 0.7 : 0));
      }
    }
    double l2 = 0.1;
    LogisticRegression.Boundary b = LogisticRegression.fit(x, positive, l2);
    // The loss in the scaled, centred features z = scale (x - centre): w is b.weights(), bias b.bias().
    double[] gradW = new double[d];
    double gradB = 0;
    for (int i = 0; i < n; i++) {
      double y = positive[i] ? 1 : -1;
      double m = b.margin(x[i]);
      double dm = -y / (1 + Math.exp(y * m)) / n;
      gradB += dm;
      for (int j = 0; j < d; j++) {
        gradW[j] += dm * b.scale() * (x[i][j] - b.centre()[j]);
      }
    }
    assertThat(Math.abs(gradB)).isLessThan(1e-7);
    for (int j = 0; j < d; j++) {
      assertThat(Math.abs(gradW[j] + l2 * b.weights()[j])).as("feature %d", j).isLessThan(1e-7);
    }
  }

  @Test
  void solvesALinearSystemThatNeedsPivoting() {
    double[][] a = {{0, 2, 1}, {1, 1, 1}, {2, 1, 0}};
    double[] x = LogisticRegression.solve(a, new double[] {5, 6, 4});
    // The first pivot is zero: only row exchanges solve it. Checked against a fresh copy of the system.
    double[][] a2 = {{0, 2, 1}, {1, 1, 1}, {2, 1, 0}};
    double[] rhs = {5, 6, 4};
    for (int i = 0; i < 3; i++) {
      double s = 0;
      for (int j = 0; j < 3; j++) {
        s += a2[i][j] * x[j];
      }
      assertThat(s).isCloseTo(rhs[i], org.assertj.core.data.Offset.offset(1e-12));
    }
  }
}
