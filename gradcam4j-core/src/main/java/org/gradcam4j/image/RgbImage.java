package org.gradcam4j.image;

/**
 * An 8-bit RGB image: {@code pixels} holds R, G, B bytes interleaved, row by row
 * ({@code (y * width + x) * 3 + channel}).
 */
public record RgbImage(int width, int height, byte[] pixels) {
  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
    }
    if (pixels.length != width * height * 3) {
      throw new IllegalArgumentException("an RGB image of " + width + "x" + height + " needs "
          + width * height * 3 + " bytes, got " + pixels.length);
    }
  }

  public static RgbImage blank(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  /** Channel value (0..255) at (x, y); channel 0 = red, 1 = green, 2 = blue. */
  public int get(int x, int y, int channel) {
    return pixels[(y * width + x) * 3 + channel] & 0xff;
  }

  public void set(int x, int y, int channel, int value) {
    pixels[(y * width + x) * 3 + channel] = (byte) Math.max(0, Math.min(255, value));
  }
}
