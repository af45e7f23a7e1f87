package org.gradcam4j.inspect.visualize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.reflect.Field;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The packed transforms (two components per complex FFT) against the plain definition: each component
 * is Re(inverse FFT(spectrum x scale)) on its own, and its spectrum gradient the forward FFT of its
 * pre-mix image gradient.
 */
class FourierParameterizationTest {
  private static final int S = 16;

  private static double[][] field(FourierParameterization p, String name) throws Exception {
    Field f = FourierParameterization.class.getDeclaredField(name);
    f.setAccessible(true);
    return (double[][]) f.get(p);
  }

  private static double[] scale(FourierParameterization p) throws Exception {
    Field f = FourierParameterization.class.getDeclaredField("scale");
    f.setAccessible(true);
    return (double[]) f.get(p);
  }

  /** The canvas computed one component at a time with full complex transforms. */
  private static float[] reference(double[][] re, double[][] im, double[] scale) {
    int plane = S * S;
    Fft2d fft = new Fft2d(S);
    double[][] pixel = new double[3][];
    for (int c = 0; c < 3; c++) {
      double[] r = new double[plane];
      double[] i = new double[plane];
      for (int k = 0; k < plane; k++) {
        r[k] = re[c][k] * scale[k];
        i[k] = im[c][k] * scale[k];
      }
      fft.transform(r, i, true);
      pixel[c] = r;
    }
    float[] out = new float[3 * plane];
    double[][] mix = ColourDecorrelation.MIX;
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < plane; k++) {
        double pre = 0.25 * (mix[c][0] * pixel[0][k] + mix[c][1] * pixel[1][k] + mix[c][2] * pixel[2][k]);
        out[c * plane + k] = (float) (1 / (1 + Math.exp(-pre)));
      }
    }
    return out;
  }

  @Test
  void theCanvasAndTheStepMatchTheUnpackedTransforms() throws Exception {
    Random r = new Random(5);
    double rate = 0.05;
    FourierParameterization p = new FourierParameterization(S, r, rate, null);
    double[][] re = field(p, "specRe");
    double[][] im = field(p, "specIm");
    double[] scale = scale(p);
    // Larger coefficients than the default start, so that the canvas is far from flat grey.
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < S * S; k++) {
        re[c][k] = r.nextGaussian() * 0.05;
        im[c][k] = r.nextGaussian() * 0.05;
      }
    }
    float[] grad = new float[3 * S * S];
    for (int k = 0; k < grad.length; k++) {
      grad[k] = (float) r.nextGaussian();
    }
    // The expected canvas and spectrum gradient, from the coefficients set above.
    float[] before = reference(re, im, scale);
    double[][] wantRe = new double[3][S * S];
    double[][] wantIm = new double[3][S * S];
    Fft2d fft = new Fft2d(S);
    double[][] mix = ColourDecorrelation.MIX;
    int plane = S * S;
    for (int j = 0; j < 3; j++) {
      double[] gr = new double[plane];
      double[] gi = new double[plane];
      for (int k = 0; k < plane; k++) {
        double s = 0;
        for (int c = 0; c < 3; c++) {
          double v = before[c * plane + k];
          s += mix[c][j] * grad[c * plane + k] * v * (1 - v) * 0.25;
        }
        gr[k] = s;
      }
      fft.transform(gr, gi, false);
      for (int k = 0; k < plane; k++) {
        wantRe[j][k] = gr[k] * scale[k] / plane;
        wantIm[j][k] = gi[k] * scale[k] / plane;
      }
    }
    // Make the parameterisation's sigmoid match the new coefficients: one zero-gradient step moves
    // nothing (Adam's first step of a zero gradient is zero).
    double[][] oldRe = new double[3][];
    double[][] oldIm = new double[3][];
    for (int c = 0; c < 3; c++) {
      oldRe[c] = re[c].clone();
      oldIm[c] = im[c].clone();
    }
    p.ascend(new float[3 * plane]);
    float[] rgb = p.rgb();
    for (int k = 0; k < rgb.length; k++) {
      assertThat(rgb[k]).as("pixel " + k).isCloseTo(before[k], within(1e-6f));
    }
    // Adam's second step with a fresh gradient g moves by rate * m / c1 / sqrt(v / c2), whose sign is
    // the sign of g (first moments were zero).
    p.ascend(grad);
    int checked = 0;
    for (int c = 0; c < 3; c++) {
      for (int k = 0; k < plane; k++) {
        for (boolean real : new boolean[] {true, false}) {
          double want = real ? wantRe[c][k] : wantIm[c][k];
          double moved = real ? re[c][k] - oldRe[c][k] : im[c][k] - oldIm[c][k];
          if (Math.abs(want) > 1e-3) {
            assertThat(Math.signum(moved)).as("component " + c + " k " + k + " real " + real)
                .isEqualTo(Math.signum(want));
            // |m / c1| / sqrt(v / c2) for a gradient first seen at step 2: 0.1 g / 0.19 over
            // sqrt(0.001 g^2 / 0.001999), independent of |g|.
            double expected = rate * (0.1 / 0.19) / Math.sqrt(0.001 / (1 - 0.999 * 0.999));
            assertThat(Math.abs(moved)).isCloseTo(expected, within(1e-6));
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(plane);
  }
}
