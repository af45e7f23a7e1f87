package org.gradcam4j.inspect.visualize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ViewTest {
  @Test
  void scatterIsTheAdjointOfSample() {
    Random r = new Random(1);
    int s = 16;
    int v = 12;
    float[] canvas = new float[3 * s * s];
    float[] grad = new float[3 * v * v];
    for (int i = 0; i < canvas.length; i++) {
      canvas[i] = (float) r.nextGaussian();
    }
    for (int i = 0; i < grad.length; i++) {
      grad[i] = (float) r.nextGaussian();
    }
    View view = new View(2.5, -1.25, 1.07, Math.toRadians(9));
    float[] sampled = view.sample(canvas, s, v);
    float[] scattered = view.scatter(grad, s, v);
    double lhs = 0;
    double rhs = 0;
    for (int i = 0; i < grad.length; i++) {
      lhs += sampled[i] * grad[i];
    }
    for (int i = 0; i < canvas.length; i++) {
      rhs += canvas[i] * scattered[i];
    }
    assertThat(lhs).isCloseTo(rhs, within(1e-3));
  }

  @Test
  void theCentreViewIsTheCentreCrop() {
    int s = 8;
    float[] canvas = new float[3 * s * s];
    for (int i = 0; i < canvas.length; i++) {
      canvas[i] = i;
    }
    float[] crop = View.CENTRE.sample(canvas, s, 4);
    assertThat(crop[0]).isEqualTo(2 * s + 2);
    assertThat(crop[4 * 4 + 5]).isEqualTo(s * s + 3 * s + 3);
  }

  @Test
  void fftRoundTripsAndMatchesTheDefinition() {
    int n = 8;
    Fft2d fft = new Fft2d(n);
    Random r = new Random(2);
    double[] re = new double[n * n];
    double[] im = new double[n * n];
    for (int i = 0; i < re.length; i++) {
      re[i] = r.nextGaussian();
    }
    double[] x = re.clone();
    fft.transform(re, im, false);
    // X(1, 2) by the definition.
    double dr = 0;
    double di = 0;
    for (int y = 0; y < n; y++) {
      for (int xx = 0; xx < n; xx++) {
        double a = -2 * Math.PI * (1.0 * y / n + 2.0 * xx / n);
        dr += x[y * n + xx] * Math.cos(a);
        di += x[y * n + xx] * Math.sin(a);
      }
    }
    assertThat(re[1 * n + 2]).isCloseTo(dr, within(1e-9));
    assertThat(im[1 * n + 2]).isCloseTo(di, within(1e-9));
    fft.transform(re, im, true);
    for (int i = 0; i < x.length; i++) {
      assertThat(re[i]).isCloseTo(x[i], within(1e-9));
      assertThat(im[i]).isCloseTo(0, within(1e-9));
    }
  }
}
