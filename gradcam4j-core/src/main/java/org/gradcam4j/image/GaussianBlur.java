package org.gradcam4j.image;

/**
 * Separable Gaussian blur of each channel of a {@code [C, H, W]} image: one horizontal and one
 * vertical pass with a normalised 1-D kernel. Follows SciPy's {@code gaussian_filter} defaults: the
 * kernel reaches {@code round(4 * sigma)} pixels each side, and the image is mirrored at its edges
 * ({@code d c b a | a b c d}). Used for the blurred baselines of Integrated Gradients and of the
 * deletion/insertion metrics.
 */
public final class GaussianBlur {
  private GaussianBlur() {}

  /** A blurred copy of {@code chw}, {@code c} channels of {@code h x w}. */
  public static float[] blur(float[] chw, int c, int h, int w, double sigma) {
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("blur sigma must be positive and finite, got " + sigma);
    }
    double[] kernel = kernel(sigma);
    int radius = kernel.length / 2;
    float[] out = new float[chw.length];
    double[] line = new double[Math.max(w, h)];
    double[] tmp = new double[h * w];
    for (int ch = 0; ch < c; ch++) {
      int base = ch * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          line[x] = chw[base + y * w + x];
        }
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            s += kernel[k + radius] * line[mirror(x + k, w)];
          }
          tmp[y * w + x] = s;
        }
      }
      for (int x = 0; x < w; x++) {
        for (int y = 0; y < h; y++) {
          line[y] = tmp[y * w + x];
        }
        for (int y = 0; y < h; y++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            s += kernel[k + radius] * line[mirror(y + k, h)];
          }
          out[base + y * w + x] = (float) s;
        }
      }
    }
    return out;
  }

  /** The normalised 1-D kernel, {@code 2 * round(4 * sigma) + 1} taps. */
  static double[] kernel(double sigma) {
    int radius = (int) (4.0 * sigma + 0.5);
    double[] k = new double[2 * radius + 1];
    double sum = 0;
    for (int i = -radius; i <= radius; i++) {
      k[i + radius] = Math.exp(-0.5 * i * i / (sigma * sigma));
      sum += k[i + radius];
    }
    for (int i = 0; i < k.length; i++) {
      k[i] /= sum;
    }
    return k;
  }

  /** Index {@code i} mirrored into {@code [0, n)}, repeating for kernels wider than the image. */
  static int mirror(int i, int n) {
    int period = 2 * n;
    int m = Math.floorMod(i, period);
    return m < n ? m : period - 1 - m;
  }
}
