package org.gradcam4j.data;

import java.util.Arrays;

/**
 * A boolean per pixel of a {@code width x height} image, row by row ({@code y * width + x}). Immutable:
 * the constructor and {@link #toArray()} copy.
 */
public final class PixelMask {
  private final int width;
  private final int height;
  private final boolean[] pixels;

  /** A mask of the given size; {@code pixels} (row by row) is copied. */
  public PixelMask(int width, int height, boolean[] pixels) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
    }
    if (pixels.length != width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + width * height
          + " values, got " + pixels.length);
    }
    this.width = width;
    this.height = height;
    this.pixels = pixels.clone();
  }

  /** Width in pixels. */
  public int width() {
    return width;
  }

  /** Height in pixels. */
  public int height() {
    return height;
  }

  /** Whether pixel (x, y) belongs to the mask. */
  public boolean get(int x, int y) {
    return pixels[y * width + x];
  }

  /** Number of pixels in the mask. */
  public int count() {
    int n = 0;
    for (boolean p : pixels) {
      if (p) {
        n++;
      }
    }
    return n;
  }

  /** Whether no pixel is set. */
  public boolean isEmpty() {
    for (boolean p : pixels) {
      if (p) {
        return false;
      }
    }
    return true;
  }

  /** The tightest box around the mask; fails on an empty mask, which has none. */
  public BoundingBox boundingBox() {
    int x0 = width;
    int y0 = height;
    int x1 = -1;
    int y1 = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (pixels[y * width + x]) {
          x0 = Math.min(x0, x);
          x1 = Math.max(x1, x);
          y0 = Math.min(y0, y);
          y1 = Math.max(y1, y);
        }
      }
    }
    if (x1 < 0) {
      throw new IllegalStateException("an empty mask has no bounding box");
    }
    return new BoundingBox(x0, y0, x1 + 1, y1 + 1);
  }

  /** Whether no pixel belongs to both masks (which must have the same size). */
  public boolean isDisjointFrom(PixelMask other) {
    requireSameSize(other);
    for (int i = 0; i < pixels.length; i++) {
      if (pixels[i] && other.pixels[i]) {
        return false;
      }
    }
    return true;
  }

  /** A copy of the values, row by row. */
  public boolean[] toArray() {
    return pixels.clone();
  }

  private void requireSameSize(PixelMask other) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException("masks differ in size: " + width + "x" + height + " and "
          + other.width + "x" + other.height);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PixelMask m && m.width == width && m.height == height
        && Arrays.equals(m.pixels, pixels);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(pixels);
  }

  @Override
  public String toString() {
    return "PixelMask[" + width + "x" + height + ", " + count() + " pixels]";
  }
}
