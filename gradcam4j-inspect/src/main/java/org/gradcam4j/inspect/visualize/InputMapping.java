package org.gradcam4j.inspect.visualize;

import org.gradcam4j.image.Preprocessing;

/**
 * The model's pre-processing as a differentiable map from an RGB image in [0, 1] to the model input:
 * channel order, 0-255 scaling, divisor, mean and standard deviation, exactly as
 * {@link Preprocessing#normalize} maps 8-bit photos. Optimising in [0, 1] RGB keeps every image a
 * valid picture whatever range the model expects.
 */
final class InputMapping {
  private final int[] source = new int[3];
  private final float[] gain = new float[3];
  private final float[] offset = new float[3];

  InputMapping(Preprocessing p) {
    float[] mean = p.mean();
    float[] std = p.std();
    for (int c = 0; c < 3; c++) {
      source[c] = p.channelOrder().sourceChannel(c);
      gain[c] = 255f / p.divisor() / std[c];
      offset[c] = -mean[c] / std[c];
    }
  }

  /** Writes image {@code rgb} ([3, H, W] in [0, 1]) into {@code input} at {@code at}. */
  void toInput(float[] rgb, float[] input, int at) {
    int plane = rgb.length / 3;
    for (int c = 0; c < 3; c++) {
      int src = source[c] * plane;
      int dst = at + c * plane;
      for (int i = 0; i < plane; i++) {
        input[dst + i] = rgb[src + i] * gain[c] + offset[c];
      }
    }
  }

  /** The gradient with respect to the RGB image, from the gradient with respect to the input at {@code at}. */
  float[] toRgbGradient(float[] gradInput, int at, int plane) {
    float[] g = new float[3 * plane];
    for (int c = 0; c < 3; c++) {
      int dst = source[c] * plane;
      int src = at + c * plane;
      for (int i = 0; i < plane; i++) {
        g[dst + i] += gradInput[src + i] * gain[c];
      }
    }
    return g;
  }
}
