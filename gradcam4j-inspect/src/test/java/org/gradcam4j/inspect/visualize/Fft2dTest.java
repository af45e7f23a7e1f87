package org.gradcam4j.inspect.visualize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class Fft2dTest {
  /** The 2-D DFT by its definition, O(n^4); {@code sign} -1 forward, +1 inverse (unscaled). */
  private static double[][] direct(double[] re, double[] im, int n, double sign) {
    double[] outRe = new double[n * n];
    double[] outIm = new double[n * n];
    for (int ky = 0; ky < n; ky++) {
      for (int kx = 0; kx < n; kx++) {
        double sr = 0;
        double si = 0;
        for (int y = 0; y < n; y++) {
          for (int x = 0; x < n; x++) {
            double a = sign * 2 * Math.PI * ((double) ((ky * y) % n) / n + (double) ((kx * x) % n) / n);
            double c = Math.cos(a);
            double s = Math.sin(a);
            sr += re[y * n + x] * c - im[y * n + x] * s;
            si += re[y * n + x] * s + im[y * n + x] * c;
          }
        }
        outRe[ky * n + kx] = sr;
        outIm[ky * n + kx] = si;
      }
    }
    return new double[][] {outRe, outIm};
  }

  @Test
  void forwardAndInverseMatchTheDirectDftOnRandomComplexInput() {
    Random r = new Random(11);
    for (int n : new int[] {2, 4, 16, 32}) {
      Fft2d fft = new Fft2d(n);
      for (boolean inverse : new boolean[] {false, true}) {
        double[] re = new double[n * n];
        double[] im = new double[n * n];
        for (int i = 0; i < re.length; i++) {
          re[i] = r.nextGaussian();
          im[i] = r.nextGaussian();
        }
        double[][] want = direct(re, im, n, inverse ? 1 : -1);
        double scale = inverse ? 1.0 / (n * n) : 1;
        double[] gotRe = re.clone();
        double[] gotIm = im.clone();
        fft.transform(gotRe, gotIm, inverse);
        double[] rawRe = re.clone();
        double[] rawIm = im.clone();
        fft.transformUnscaled(rawRe, rawIm, inverse);
        for (int i = 0; i < re.length; i++) {
          String at = "n=" + n + " inverse=" + inverse + " k=" + i;
          assertThat(gotRe[i]).as(at).isCloseTo(want[0][i] * scale, within(1e-9));
          assertThat(gotIm[i]).as(at).isCloseTo(want[1][i] * scale, within(1e-9));
          assertThat(rawRe[i]).as(at).isCloseTo(want[0][i], within(1e-9));
          assertThat(rawIm[i]).as(at).isCloseTo(want[1][i], within(1e-9));
        }
      }
    }
  }

  @Test
  void refusesSizesThatAreNotPowersOfTwo() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Fft2d(12))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
