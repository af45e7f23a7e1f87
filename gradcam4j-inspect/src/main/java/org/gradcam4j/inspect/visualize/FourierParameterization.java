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
 * transform of the image gradient.
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
    int plane = size * size;
    double[][] pixel = new double[3][];
    // The three components are independent until they are mixed: transform them in parallel (a
    // batch of one image would otherwise leave a core idle while ONNX Runtime waits).
    java.util.stream.IntStream.range(0, 3).parallel().forEach(c -> {
      double[] re = new double[plane];
      double[] im = new double[plane];
      for (int i = 0; i < plane; i++) {
        re[i] = specRe[c][i] * scale[i];
        im[i] = specIm[c][i] * scale[i];
      }
      fft.transform(re, im, true);
      pixel[c] = re;
    });
    double[][] mix = ColourDecorrelation.MIX;
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        double pre = OUTPUT_SCALE * (mix[c][0] * pixel[0][i] + mix[c][1] * pixel[1][i] + mix[c][2] * pixel[2][i]);
        float s = (float) (1 / (1 + Math.exp(-pre)));
        sigmoid[c * plane + i] = s;
        rgb[c * plane + i] = s;
      }
    }
  }

  @Override
  public void ascend(float[] gradRgb) {
    int plane = size * size;
    double[][] gradPre = new double[3][plane];
    for (int c = 0; c < 3; c++) {
      for (int i = 0; i < plane; i++) {
        double s = sigmoid[c * plane + i];
        gradPre[c][i] = gradRgb[c * plane + i] * s * (1 - s) * OUTPUT_SCALE;
      }
    }
    double[][] mix = ColourDecorrelation.MIX;
    double inv = 1.0 / ((double) plane);
    java.util.stream.IntStream.range(0, 3).parallel().forEach(j -> {
      double[] re = new double[plane];
      double[] im = new double[plane];
      for (int i = 0; i < plane; i++) {
        re[i] = mix[0][j] * gradPre[0][i] + mix[1][j] * gradPre[1][i] + mix[2][j] * gradPre[2][i];
      }
      // The adjoint of Re(inverse FFT) is the forward FFT with the inverse's 1/N^2.
      fft.transform(re, im, false);
      for (int i = 0; i < plane; i++) {
        re[i] *= scale[i] * inv;
        im[i] *= scale[i] * inv;
      }
      adamRe[j].ascend(specRe[j], re);
      adamIm[j].ascend(specIm[j], im);
    });
    render();
  }
}
