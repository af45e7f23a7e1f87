package org.gradcam4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SsimTest {
  @Test
  void identicalImagesScoreOne() {
    float[] a = random(20 * 16, 1);
    assertThat(Ssim.ssim(a, a, 20, 16, 1.0)).isCloseTo(1, within(1e-12));
    assertThat(Ssim.ofMaps(a, a, 20, 16)).isCloseTo(1, within(1e-12));
  }

  @Test
  void constantImagesFollowTheLuminanceTerm() {
    // no variance: SSIM = (2 mu_a mu_b + C1) / (mu_a^2 + mu_b^2 + C1) * C2 / C2
    float[] a = filled(12 * 12, 0.2f);
    float[] b = filled(12 * 12, 0.6f);
    double c1 = 0.0001;
    double expected = (2 * 0.2 * 0.6 + c1) / (0.04 + 0.36 + c1);
    assertThat(Ssim.ssim(a, b, 12, 12, 1.0)).isCloseTo(expected, within(1e-6));
  }

  @Test
  void matchesADirectTwoDimensionalComputation() {
    int w = 17;
    int h = 14;
    float[] a = random(w * h, 3);
    float[] b = random(w * h, 4);
    for (int i = 0; i < b.length; i++) {
      b[i] = 0.6f * a[i] + 0.4f * b[i];
    }
    assertThat(Ssim.ssim(a, b, w, h, 1.0)).isCloseTo(direct(a, b, w, h, 1.0), within(1e-10));
    assertThat(Ssim.ssim(a, b, w, h, 255.0)).isCloseTo(direct(a, b, w, h, 255.0), within(1e-10));
  }

  @Test
  void mapsAreNormalisedBeforeComparison() {
    float[] a = random(16 * 16, 5);
    float[] scaled = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      scaled[i] = 40 * a[i] - 7;
    }
    assertThat(Ssim.ofMaps(a, scaled, 16, 16)).isCloseTo(1, within(1e-5));
  }

  @Test
  void tooSmallImagesAreRejected() {
    assertThatThrownBy(() -> Ssim.ssim(new float[100], new float[100], 10, 10, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("11x11");
  }

  /** SSIM with the 11x11 window applied directly, not separably. */
  private static double direct(float[] a, float[] b, int w, int h, double range) {
    double[][] g = new double[11][11];
    double sum = 0;
    for (int y = 0; y < 11; y++) {
      for (int x = 0; x < 11; x++) {
        g[y][x] = Math.exp(-((x - 5) * (x - 5) + (y - 5) * (y - 5)) / (2 * 1.5 * 1.5));
        sum += g[y][x];
      }
    }
    double c1 = Math.pow(0.01 * range, 2);
    double c2 = Math.pow(0.03 * range, 2);
    double total = 0;
    int count = 0;
    for (int oy = 0; oy + 11 <= h; oy++) {
      for (int ox = 0; ox + 11 <= w; ox++) {
        double ma = 0;
        double mb = 0;
        for (int y = 0; y < 11; y++) {
          for (int x = 0; x < 11; x++) {
            ma += g[y][x] / sum * a[(oy + y) * w + ox + x];
            mb += g[y][x] / sum * b[(oy + y) * w + ox + x];
          }
        }
        double va = 0;
        double vb = 0;
        double cov = 0;
        for (int y = 0; y < 11; y++) {
          for (int x = 0; x < 11; x++) {
            double da = a[(oy + y) * w + ox + x] - ma;
            double db = b[(oy + y) * w + ox + x] - mb;
            va += g[y][x] / sum * da * da;
            vb += g[y][x] / sum * db * db;
            cov += g[y][x] / sum * da * db;
          }
        }
        total += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
        count++;
      }
    }
    return total / count;
  }

  private static float[] random(int n, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) rng.nextDouble();
    }
    return v;
  }

  private static float[] filled(int n, float value) {
    float[] v = new float[n];
    java.util.Arrays.fill(v, value);
    return v;
  }
}
