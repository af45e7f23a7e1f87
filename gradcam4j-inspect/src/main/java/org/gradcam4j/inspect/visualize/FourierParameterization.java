package org.gradcam4j.inspect.visualize;

import java.util.Random;

/**
 * Lucid's image parameterisation (Olah et al. 2017): the parameters are the Fourier coefficients of
 * each decorrelated colour component, scaled by 1/f so that every frequency starts with about equal
 * energy in the image (natural images have a 1/f amplitude spectrum; without the scaling ascent
 * fills the image with high-frequency patterns). The image is the real part of the inverse transform,
 * mixed into RGB by {@link ColourDecorrelation} and squashed into [0, 1] by a sigmoid.
 *
 * <p>The coefficients are kept as a full complex spectrum (not only the half a real image needs):
 * taking the real part makes the redundant half harmless, and the gradient is simply the forward
 * transform of the image gradient. Because every image and every gradient is real, two components
 * share one complex transform (see {@link #render()} and {@link #ascend(float[])}), so a step costs two
 * complex transforms each way instead of three.
 */
final class FourierParameterization implements Parameterization {
  /** Standard deviation of the initial coefficients (Lucid's default). */
  private static final double INIT_SD = 0.01;
  /** Lucid divides the transformed image by 4 so that sigmoid inputs start near 0. */
  private static final double OUTPUT_SCALE = 0.25;

  private final int size;
  private final Fft2d fft;
  private final double[] scale;
  private final double[][] specRe = new double[3][];
  private final double[][] specIm = new double[3][];
  private final Adam[] adamRe = new Adam[3];
  private final Adam[] adamIm = new Adam[3];
  private final float[] rgb;
  private final float[] sigmoid;
  /** Two complex transform buffers, reused every step. */
  private final double[][] workRe = new double[2][];
  private final double[][] workIm = new double[2][];
  /** Spectrum gradients of components 0 and 1 (component 2's stays in its transform buffer). */
  private final double[][] gradRe = new double[2][];
  private final double[][] gradIm = new double[2][];

  /**
   * @param start an initial canvas [3, S, S] in [0, 1] (e.g. a photo), or {@code null} for noise
   */
  FourierParameterization(int size, Random random, double learningRate, float[] start) {
    this.size = size;
    this.fft = new Fft2d(size);
    int plane = size * size;
    scale = new double[plane];
    for (int y = 0; y < size; y++) {
      double fy = Math.min(y, size - y) / (double) size;
      for (int x = 0; x < size; x++) {
        double fx = Math.min(x, size - x) / (double) size;
        double f = Math.sqrt(fx * fx + fy * fy);
        scale[y * size + x] = size / Math.max(f, 1.0 / size);
      }
    }
    for (int c = 0; c < 3; c++) {
      specRe[c] = new double[plane];
      specIm[c] = new double[plane];
      adamRe[c] = new Adam(plane, learningRate);
      adamIm[c] = new Adam(plane, learningRate);
    }
    if (start == null) {
      for (int c = 0; c < 3; c++) {
        for (int i = 0; i < plane; i++) {
          specRe[c][i] = random.nextGaussian() * INIT_SD;
          specIm[c][i] = random.nextGaussian() * INIT_SD;
        }
      }
    } else {
      fromImage(start);
    }
    rgb = new float[3 * plane];
    sigmoid = new float[3 * plane];
    for (int t = 0; t < 2; t++) {
      workRe[t] = new double[plane];
      workIm[t] = new double[plane];
      gradRe[t] = new double[plane];
      gradIm[t] = new double[plane];
    }
    render();
  }

  /** Sets the coefficients so that the canvas reproduces {@code start} (sigmoid inverted on clipped values). */
  private void fromImage(float[] start) {
    int plane = size * size;
    double[][] pre = new double[3][plane];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        double v = Math.min(0.99, Math.max(0.01, start[c * plane + i]));
        pre[c][i] = Math.log(v / (1 - v));
      }
    }
    for (int c = 0; c < 3; c++) {
      double[] re = new double[plane];
      double[] im = new double[plane];
      for (int i = 0; i < plane; i++) {
        double s = 0;
        for (int j = 0; j < 3; j++) {
          s += ColourDecorrelation.UNMIX[c][j] * pre[j][i];
        }
        re[i] = s / OUTPUT_SCALE;
      }
      fft.transform(re, im, false);
      for (int i = 0; i < plane; i++) {
        specRe[c][i] = re[i] / scale[i];
        specIm[c][i] = im[i] / scale[i];
      }
    }
  }

  @Override
  public int canvas() {
    return size;
  }

  @Override
  public float[] rgb() {
    return rgb;
  }

  private void render() {
    // Re(inverse FFT of S) is the inverse FFT of S's Hermitian part (S[k] + conj(S[-k])) / 2, whose
    // result is real. Two Hermitian spectra H0, H1 travel in one complex transform as H0 + i H1: its
    // real part is the first image and its imaginary part the second. So the three components take two
    // complex transforms (0 with 1, and 2 alone), run in parallel, into reused buffers.
    java.util.stream.IntStream.range(0, 2).parallel().forEach(t -> {
      double[] re = workRe[t];
      double[] im = workIm[t];
      double s = 1.0 / ((double) size * size);
      if (t == 0) {
        double[] r0 = specRe[0], i0 = specIm[0], r1 = specRe[1], i1 = specIm[1];
        for (int y = 0; y < size; y++) {
          int row = y * size;
          int mirrorRow = ((size - y) & (size - 1)) * size;
          for (int x = 0; x < size; x++) {
            int k = row + x;
            int m = mirrorRow + ((size - x) & (size - 1));
            double sk = scale[k] * 0.5 * s;
            double sm = scale[m] * 0.5 * s;
            re[k] = (r0[k] * sk + r0[m] * sm) - (i1[k] * sk - i1[m] * sm);
            im[k] = (i0[k] * sk - i0[m] * sm) + (r1[k] * sk + r1[m] * sm);
          }
        }
      } else {
        double[] r2 = specRe[2], i2 = specIm[2];
        for (int i = 0; i < re.length; i++) {
          double sk = scale[i] * s;
          re[i] = r2[i] * sk;
          im[i] = i2[i] * sk;
        }
      }
      fft.transformUnscaled(re, im, true);
    });
    double[] p0 = workRe[0];
    double[] p1 = workIm[0];
    double[] p2 = workRe[1];
    double[][] mix = ColourDecorrelation.MIX;
    int plane = size * size;
    // Mix and squash in two halves of the plane, in parallel.
    java.util.stream.IntStream.range(0, 2).parallel().forEach(h -> {
      int from = h * plane / 2;
      int to = (h + 1) * plane / 2;
      for (int c = 0; c < 3; c++) {
        double m0 = OUTPUT_SCALE * mix[c][0];
        double m1 = OUTPUT_SCALE * mix[c][1];
        double m2 = OUTPUT_SCALE * mix[c][2];
        int o = c * plane;
        for (int i = from; i < to; i++) {
          double pre = m0 * p0[i] + m1 * p1[i] + m2 * p2[i];
          float v = (float) (1 / (1 + Math.exp(-pre)));
          sigmoid[o + i] = v;
          rgb[o + i] = v;
        }
      }
    });
  }

  @Override
  public void ascend(float[] gradRgb) {
    int plane = size * size;
    double[][] mix = ColourDecorrelation.MIX;
    // Gradient with respect to the three pre-mix components; components 0 and 1 share one complex
    // forward transform (as g0 + i g1) and are separated by conjugate symmetry afterwards.
    double[] g0 = workRe[0];
    double[] g1 = workIm[0];
    double[] g2 = workRe[1];
    double[] z2 = workIm[1];
    java.util.stream.IntStream.range(0, 2).parallel().forEach(h -> {
      int from = h * plane / 2;
      int to = (h + 1) * plane / 2;
      for (int i = from; i < to; i++) {
        double d0 = sigmoid[i];
        double d1 = sigmoid[plane + i];
        double d2 = sigmoid[2 * plane + i];
        double a0 = gradRgb[i] * d0 * (1 - d0) * OUTPUT_SCALE;
        double a1 = gradRgb[plane + i] * d1 * (1 - d1) * OUTPUT_SCALE;
        double a2 = gradRgb[2 * plane + i] * d2 * (1 - d2) * OUTPUT_SCALE;
        g0[i] = mix[0][0] * a0 + mix[1][0] * a1 + mix[2][0] * a2;
        g1[i] = mix[0][1] * a0 + mix[1][1] * a1 + mix[2][1] * a2;
        g2[i] = mix[0][2] * a0 + mix[1][2] * a1 + mix[2][2] * a2;
        z2[i] = 0;
      }
    });
    double inv = 1.0 / ((double) plane);
    java.util.stream.IntStream.range(0, 2).parallel().forEach(t -> {
      double[] re = workRe[t];
      double[] im = workIm[t];
      // The adjoint of Re(inverse FFT) is the forward FFT with the inverse's 1/N^2.
      fft.transformUnscaled(re, im, false);
      if (t == 0) {
        double[] gr0 = gradRe[0], gi0 = gradIm[0], gr1 = gradRe[1], gi1 = gradIm[1];
        for (int y = 0; y < size; y++) {
          int row = y * size;
          int mirrorRow = ((size - y) & (size - 1)) * size;
          for (int x = 0; x < size; x++) {
            int k = row + x;
            int m = mirrorRow + ((size - x) & (size - 1));
            double f = scale[k] * inv * 0.5;
            gr0[k] = (re[k] + re[m]) * f;
            gi0[k] = (im[k] - im[m]) * f;
            gr1[k] = (im[k] + im[m]) * f;
            gi1[k] = (re[m] - re[k]) * f;
          }
        }
      } else {
        for (int i = 0; i < plane; i++) {
          double f = scale[i] * inv;
          re[i] *= f;
          im[i] *= f;
        }
      }
    });
    // Adam on the six coefficient arrays, spread over the cores evenly (the separation above leaves
    // four of them to the first transform's task otherwise).
    java.util.stream.IntStream.range(0, 6).parallel().forEach(a -> {
      int c = a >> 1;
      boolean real = (a & 1) == 0;
      double[] grad = c < 2 ? (real ? gradRe[c] : gradIm[c]) : (real ? workRe[1] : workIm[1]);
      if (real) {
        adamRe[c].ascend(specRe[c], grad);
      } else {
        adamIm[c].ascend(specIm[c], grad);
      }
    });
    render();
  }
}
