package org.gradcam4j.inspect.visualize;

import java.util.Random;
import org.gradcam4j.image.GaussianBlur;

/**
 * Simonyan et al. (2013, "Deep Inside Convolutional Networks"): the pixels themselves, moved by plain
 * gradient ascent on {@code S_c(I) - lambda ||I||^2} (the norm taken around mid-grey), with the step
 * normalised by the gradient's RMS so that one learning rate suits every model. A light Gaussian blur
 * every few steps (the regulariser of Yosinski et al. 2015) keeps the result from turning into
 * high-frequency adversarial noise; pixels are clamped to [0, 1].
 */
final class PixelParameterization implements Parameterization {
  static final double L2 = 0.05;
  static final int BLUR_EVERY = 8;
  static final double BLUR_SIGMA = 0.5;

  private final int size;
  private final double rate;
  private final float[] rgb;
  private int steps;

  PixelParameterization(int size, Random random, double learningRate, float[] start) {
    this.size = size;
    this.rate = learningRate;
    int n = 3 * size * size;
    if (start != null) {
      rgb = start.clone();
    } else {
      rgb = new float[n];
      for (int i = 0; i < n; i++) {
        rgb[i] = (float) (0.5 + 0.02 * random.nextGaussian());
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

  @Override
  public void ascend(float[] gradRgb) {
    double ss = 0;
    for (float g : gradRgb) {
      ss += (double) g * g;
    }
    double rms = Math.sqrt(ss / gradRgb.length);
    double k = rms > 0 ? rate / rms : 0;
    for (int i = 0; i < rgb.length; i++) {
      double v = rgb[i] + k * gradRgb[i] - rate * 2 * L2 * (rgb[i] - 0.5);
      rgb[i] = (float) Math.min(1, Math.max(0, v));
    }
    if (++steps % BLUR_EVERY == 0) {
      float[] blurred = GaussianBlur.blur(rgb, 3, size, size, BLUR_SIGMA);
      System.arraycopy(blurred, 0, rgb, 0, rgb.length);
    }
  }
}
