package org.gradcam4j.inspect.embed.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TsneTest {
  @Test
  void digitsMapIsTrustworthyAndSeparatesTheDigits() throws Exception {
    MapQuality.Digits d = MapQuality.digits();
    assertThat(d.x()).hasNumberOfRows(1797);
    long t0 = System.nanoTime();
    double[][] y = Tsne.run(d.x(), Tsne.Settings.defaults(), null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    double trust = MapQuality.trustworthiness(d.x(), y, 5);
    double acc = MapQuality.knnAccuracy(y, d.y(), 10);
    System.out.printf("digits t-SNE: %.1f s, trustworthiness(5) %.4f, 10-NN accuracy %.4f%n", seconds, trust, acc);
    assertThat(y).hasNumberOfRows(1797);
    assertThat(Arrays.stream(y).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
    assertThat(trust).isGreaterThanOrEqualTo(0.99);
    assertThat(acc).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void perplexityCalibrationHitsTheTarget() {
    double[] d2 = new double[90];
    for (int i = 0; i < d2.length; i++) {
      d2[i] = 0.3 + i * 0.17 + (i % 7) * 0.05;
    }
    double[] p = Tsne.conditional(d2, 30);
    double h = 0;
    double sum = 0;
    for (double v : p) {
      sum += v;
      if (v > 0) {
        h -= v * Math.log(v);
      }
    }
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(Math.exp(h)).isCloseTo(30.0, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void quadTreeRepulsionWithThetaZeroIsExact() {
    java.util.SplittableRandom r = new java.util.SplittableRandom(3);
    int n = 300;
    double[] y = new double[2 * n];
    for (int i = 0; i < y.length; i++) {
      y[i] = r.nextGaussian() * 5;
    }
    y[2] = y[0]; // two coincident points
    y[3] = y[1];
    Tsne.QuadTree tree = new Tsne.QuadTree(y, n);
    double[] rep = new double[2 * n];
    double[] repApprox = new double[2 * n];
    for (int i = 0; i < n; i++) {
      double sum = tree.repulsion(i, 0.0, rep);
      double approx = tree.repulsion(i, 0.5, repApprox);
      double s = 0;
      double f0 = 0;
      double f1 = 0;
      for (int j = 0; j < n; j++) {
        if (j == i) {
          continue;
        }
        double e0 = y[2 * i] - y[2 * j];
        double e1 = y[2 * i + 1] - y[2 * j + 1];
        double w = 1 / (1 + e0 * e0 + e1 * e1);
        s += w;
        f0 += w * w * e0;
        f1 += w * w * e1;
      }
      assertThat(sum).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-9 * s));
      assertThat(rep[2 * i]).isCloseTo(f0, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(rep[2 * i + 1]).isCloseTo(f1, org.assertj.core.data.Offset.offset(1e-9));
      assertThat(approx).isCloseTo(s, org.assertj.core.data.Offset.offset(0.05 * s));
    }
  }
}
