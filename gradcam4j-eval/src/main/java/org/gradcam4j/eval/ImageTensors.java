package org.gradcam4j.eval;

import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;

/** Conversions between images and the {@code [C, H, W]} tensors the perturbation metrics work on. */
public final class ImageTensors {
  private ImageTensors() {}

  /** The image as {@code [3, H, W]} floats in [0, 1] (value / 255), channels R, G, B. */
  public static FloatTensor fromRgb(RgbImage image) {
    int plane = image.width() * image.height();
    float[] out = new float[3 * plane];
    byte[] px = image.pixels();
    for (int i = 0; i < plane; i++) {
      out[i] = (px[3 * i] & 0xff) / 255f;
      out[plane + i] = (px[3 * i + 1] & 0xff) / 255f;
      out[2 * plane + i] = (px[3 * i + 2] & 0xff) / 255f;
    }
    return new FloatTensor(new long[] {3, image.height(), image.width()}, out);
  }

  /** Checks that {@code image} is a {@code [C, H, W]} tensor and returns {@code {C, H, W}}. */
  static int[] chw(FloatTensor image) {
    if (image.rank() != 3) {
      throw new GradCamException("expected one image of shape [C, H, W], got " + image
          + " (drop the batch axis first)");
    }
    return new int[] {(int) image.dim(0), (int) image.dim(1), (int) image.dim(2)};
  }

  /** Checks {@code image} is {@code [C, H, W]} and {@code map} is {@code W x H}, finite. */
  static int[] checkPair(FloatTensor image, SaliencyMap map) {
    int[] d = chw(image);
    map.requireSize(d[2], d[1], "the saliency map").requireFinite("the saliency map");
    return d;
  }
}
