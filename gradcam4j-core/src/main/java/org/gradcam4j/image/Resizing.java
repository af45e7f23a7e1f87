package org.gradcam4j.image;

import org.gradcam4j.error.GradCamException;

/**
 * The geometric steps of classifier pre-processing, computed exactly as the Python reference
 * pipeline does them (Pillow bilinear resize, torchvision-style centre crop), so that the pixels fed
 * to a model are identical.
 */
public final class Resizing {
  private Resizing() {}

  /**
   * Resizes to {@code width} x {@code height} with Pillow 9's bilinear filter (antialiased when
   * shrinking); identical bytes to {@code image.resize((width, height), Image.BILINEAR)}.
   */
  public static RgbImage resize(RgbImage image, int width, int height) {
    return PillowBilinear.resize(image, width, height);
  }

  /**
   * Scales so that the shorter side becomes {@code size}, keeping the aspect ratio: the longer side
   * becomes {@code round_half_even(size * long / short)}, computed in double. (torchvision's
   * {@code Resize(size)} truncates instead; rounding is what reproduces the reference scores.)
   * A square image becomes {@code size} x {@code size}.
   */
  public static RgbImage resizeShorterSide(RgbImage image, int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("shorter side must be positive, got " + size);
    }
    int[] out = shorterSideSize(image, size, ImageDecoder.maxPixels());
    int outW = out[0];
    int outH = out[1];
    return resize(image, outW, outH);
  }

  /**
   * {@code centerCrop(resizeShorterSide(image, size), width, height)}, bit for bit, computing only
   * the pixels the crop keeps when the crop fits inside the resized image (the usual case).
   */
  public static RgbImage resizeShorterSideAndCenterCrop(RgbImage image, int size, int width, int height) {
    // Only the window is computed, so the resized image may exceed the pixel limit; its sides must
    // still be numbers the resampler can index.
    int[] out = shorterSideSize(image, size, Long.MAX_VALUE);
    int outW = out[0];
    int outH = out[1];
    if (width > outW || height > outH) {
      return centerCrop(resizeShorterSide(image, size), width, height);
    }
    return PillowBilinear.resizeWindow(image, outW, outH, cropOffset(outW, width), cropOffset(outH, height),
        width, height);
  }

  /**
   * The size after scaling the shorter side to {@code size}; refused with the sizes when it has more
   * than {@code maxPixels} pixels or a side too long to index (a sliver such as 1 x 12 000 000 scaled
   * up would need gigabytes and minutes).
   */
  private static int[] shorterSideSize(RgbImage image, int size, long maxPixels) {
    int w = image.width();
    int h = image.height();
    long longSide = Math.round(Math.rint((double) ((long) size * Math.max(w, h)) / Math.min(w, h)));
    long outW = w <= h ? size : longSide;
    long outH = w <= h ? longSide : size;
    if (longSide > Integer.MAX_VALUE / 4 || outW * outH > maxPixels) {
      throw new GradCamException("The " + w + "x" + h + " image cannot be resized to a shorter side of " + size
          + ": that makes it " + outW + "x" + outH + " = " + outW * outH + " pixels, more than the limit of "
          + Math.min(maxPixels, (long) size * (Integer.MAX_VALUE / 4)) + ". Crop it to a less extreme aspect ratio first.");
    }
    return new int[] {(int) outW, (int) outH};
  }

  static int scaledLongSide(int size, int longSide, int shortSide) {
    return (int) Math.rint((double) ((long) size * longSide) / shortSide);
  }

  /**
   * Cuts the centred {@code width} x {@code height} window: {@code left = round_half_even((w -
   * width) / 2)}, {@code top} likewise (torchvision {@code CenterCrop}). Where the window is larger
   * than the image, the image is first padded with black, {@code floor(d / 2)} on the left/top and
   * {@code ceil(d / 2)} on the right/bottom, also as torchvision does.
   */
  public static RgbImage centerCrop(RgbImage image, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("crop size must be positive, got " + width + "x" + height);
    }
    int left = cropOffset(image.width(), width);
    int top = cropOffset(image.height(), height);
    return crop(image, left, top, width, height);
  }

  /** The crop start along one axis; negative means padding on that side. */
  private static int cropOffset(int size, int crop) {
    if (crop > size) {
      return -((crop - size) / 2);
    }
    return (int) Math.rint((size - crop) / 2.0);
  }

  /**
   * Copies the window starting at ({@code left}, {@code top}); parts of the window outside the
   * image are black.
   */
  public static RgbImage crop(RgbImage image, int left, int top, int width, int height) {
    byte[] src = image.pixels();
    byte[] dst = new byte[width * height * 3];
    int x0 = Math.max(0, -left);
    int x1 = Math.min(width, image.width() - left);
    if (x1 > x0) {
      for (int y = 0; y < height; y++) {
        int sy = y + top;
        if (sy < 0 || sy >= image.height()) {
          continue;
        }
        System.arraycopy(src, (sy * image.width() + left + x0) * 3, dst, (y * width + x0) * 3, (x1 - x0) * 3);
      }
    }
    return new RgbImage(width, height, dst);
  }
}
