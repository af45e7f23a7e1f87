package org.gradcam4j.diagnose.attack;

import java.util.List;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The value part of a pre-processing (channel order, divisor, mean, std) as a differentiable map from
 * pixel values to the model's input tensor, so that an attack can step in pixel space: the image is
 * kept as floats in 0&ndash;255 (RGB, interleaved like {@link RgbImage#pixels()}), turned into the
 * tensor for every run, and the tensor's gradient is carried back by the chain rule.
 *
 * <p>For plane {@code c} fed by RGB channel {@code s(c)}: {@code v = (p / divisor - mean[c]) / std[c]},
 * so {@code dv/dp = 1 / (divisor * std[c])}. Resizing and cropping are not part of it: images are
 * attacked at the size the model sees them.
 */
public final class PixelSpace {
  private final Preprocessing preprocessing;

  /** @param preprocessing the model's pre-processing; only its value mapping is used */
  public PixelSpace(Preprocessing preprocessing) {
    this.preprocessing = preprocessing;
  }

  /** The pixel values of an 8-bit image as floats. */
  public static float[] pixels(RgbImage image) {
    byte[] px = image.pixels();
    float[] out = new float[px.length];
    for (int i = 0; i < px.length; i++) {
      out[i] = px[i] & 0xff;
    }
    return out;
  }

  /**
   * The model's input [3, H, W] for float pixel values, computed in the same float32 order as
   * {@link Preprocessing#normalize}, so whole-number pixels give exactly the tensor of the 8-bit image.
   */
  public FloatTensor toTensor(float[] pixels, int width, int height) {
    int plane = width * height;
    float[] out = new float[3 * plane];
    float divisor = preprocessing.divisor();
    float[] mean = preprocessing.mean();
    float[] std = preprocessing.std();
    for (int c = 0; c < 3; c++) {
      int source = preprocessing.channelOrder().sourceChannel(c);
      for (int i = 0; i < plane; i++) {
        float t = pixels[i * 3 + source] / divisor;
        t = t - mean[c];
        out[c * plane + i] = t / std[c];
      }
    }
    return new FloatTensor(new long[] {3, height, width}, out);
  }

  /** {@link #toTensor} for several images of one size, stacked into [N, 3, H, W]. */
  public FloatTensor toBatch(List<float[]> pixels, int width, int height) {
    return FloatTensor.stack(pixels.stream().map(p -> toTensor(p, width, height)).toList());
  }

  /**
   * The gradient with respect to the pixel values (interleaved RGB, like the pixels) of a function
   * whose gradient with respect to the input tensor [3, H, W] is {@code tensorGradient}.
   */
  public float[] pixelGradient(float[] tensorGradient, int width, int height) {
    int plane = width * height;
    float[] out = new float[3 * plane];
    float divisor = preprocessing.divisor();
    float[] std = preprocessing.std();
    for (int c = 0; c < 3; c++) {
      int source = preprocessing.channelOrder().sourceChannel(c);
      double derivative = 1.0 / ((double) divisor * std[c]);
      for (int i = 0; i < plane; i++) {
        out[i * 3 + source] += (float) (tensorGradient[c * plane + i] * derivative);
      }
    }
    return out;
  }

  /** Rounds float pixel values to an 8-bit image (values are expected within 0..255). */
  public static RgbImage toImage(float[] pixels, int width, int height) {
    byte[] px = new byte[pixels.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) Math.max(0, Math.min(255, Math.round(pixels[i])));
    }
    return new RgbImage(width, height, px);
  }
}
