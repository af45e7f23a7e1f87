package org.gradcam4j.methods;

/** Separable Gaussian blur of [C, H, W] planes, edges extended (used for baselines). */
final class Blur {
  private Blur() {}

  static float[] gaussian(float[] planes, int channels, int h, int w, double sigma) {
    int radius = Math.max(1, (int) Math.ceil(3 * sigma));
    double[] kernel = new double[2 * radius + 1];
    double total = 0;
    for (int k = -radius; k <= radius; k++) {
      kernel[k + radius] = Math.exp(-k * k / (2 * sigma * sigma));
      total += kernel[k + radius];
    }
    for (int k = 0; k < kernel.length; k++) {
      kernel[k] /= total;
    }
    float[] out = new float[planes.length];
    float[] tmp = new float[h * w];
    for (int c = 0; c < channels; c++) {
      int base = c * h * w;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            int xx = Math.min(w - 1, Math.max(0, x + k));
            s += kernel[k + radius] * planes[base + y * w + xx];
          }
          tmp[y * w + x] = (float) s;
        }
      }
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          double s = 0;
          for (int k = -radius; k <= radius; k++) {
            int yy = Math.min(h - 1, Math.max(0, y + k));
            s += kernel[k + radius] * tmp[yy * w + x];
          }
          out[base + y * w + x] = (float) s;
        }
      }
    }
    return out;
  }
}
