package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GaussianBlurTest {
  @Test
  void mirrorsLikeScipyReflect() {
    // n = 4: ... b a | a b c d | d c b a | a ...
    assertThat(GaussianBlur.mirror(-1, 4)).isEqualTo(0);
    assertThat(GaussianBlur.mirror(-2, 4)).isEqualTo(1);
    assertThat(GaussianBlur.mirror(4, 4)).isEqualTo(3);
    assertThat(GaussianBlur.mirror(5, 4)).isEqualTo(2);
    assertThat(GaussianBlur.mirror(8, 4)).isEqualTo(0);
    assertThat(GaussianBlur.mirror(-5, 4)).isEqualTo(3);
    assertThat(GaussianBlur.mirror(2, 4)).isEqualTo(2);
  }

  @Test
  void kernelIsANormalisedGaussianOfRadiusFourSigma() {
    double[] k = GaussianBlur.kernel(1.0);
    assertThat(k).hasSize(9);
    double sum = 0;
    for (double v : k) {
      sum += v;
    }
    assertThat(sum).isCloseTo(1, within(1e-12));
    assertThat(k[4] / k[5]).isCloseTo(Math.exp(0.5), within(1e-12));
    assertThat(k[4] / k[6]).isCloseTo(Math.exp(2), within(1e-12));
    assertThat(GaussianBlur.kernel(5)).hasSize(41);
  }

  @Test
  void constantStaysConstant() {
    float[] img = new float[2 * 9 * 7];
    java.util.Arrays.fill(img, 0, 63, 0.25f);
    java.util.Arrays.fill(img, 63, 126, 0.75f);
    float[] out = GaussianBlur.blur(img, 2, 9, 7, 3.0);
    for (int i = 0; i < 63; i++) {
      assertThat(out[i]).isCloseTo(0.25f, within(1e-6f));
      assertThat(out[63 + i]).isCloseTo(0.75f, within(1e-6f));
    }
  }

  @Test
  void impulseSpreadsIntoTheSeparableKernel() {
    int n = 21;
    float[] img = new float[n * n];
    img[10 * n + 10] = 1f;
    double sigma = 1.5;
    float[] out = GaussianBlur.blur(img, 1, n, n, sigma);
    double[] k = GaussianBlur.kernel(sigma);
    int r = k.length / 2;
    double sum = 0;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double expected = Math.abs(x - 10) <= r && Math.abs(y - 10) <= r ? k[x - 10 + r] * k[y - 10 + r] : 0;
        assertThat((double) out[y * n + x]).isCloseTo(expected, within(1e-7));
        sum += out[y * n + x];
      }
    }
    assertThat(sum).isCloseTo(1, within(1e-5));
  }
}
