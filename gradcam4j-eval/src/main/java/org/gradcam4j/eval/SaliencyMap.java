package org.gradcam4j.eval;

import java.util.Arrays;
import org.gradcam4j.error.GradCamException;

/**
 * A heat-map over an image: one float per pixel, row-major ({@code values[y * width + x]}).
 * Larger values mean "more relevant". The array is shared, not copied.
 */
public record SaliencyMap(int width, int height, float[] values) {
  public SaliencyMap {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("map size must be positive, got " + width + "x" + height);
    }
    if (values.length != width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " map needs " + width * height
          + " values, got " + values.length);
    }
  }

  /** Wraps {@code values} (row-major, {@code width * height} long). */
  public static SaliencyMap of(float[] values, int width, int height) {
    return new SaliencyMap(width, height, values);
  }

  /** Number of pixels. */
  public int size() {
    return values.length;
  }

  /** Value at pixel {@code (x, y)}. */
  public float at(int x, int y) {
    return values[y * width + x];
  }

  /** The largest value. */
  public float max() {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** Whether every value is finite (neither NaN nor an infinity). */
  public boolean isFinite() {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Fails with a message naming {@code what} and the first bad pixel when the map holds NaN or an
   * infinity: every metric would otherwise give a silently meaningless number.
   */
  public SaliencyMap requireFinite(String what) {
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new GradCamException(what + " holds " + values[i] + " at pixel (x=" + i % width + ", y="
            + i / width + "); maps must be finite");
      }
    }
    return this;
  }

  /** Fails unless the map is {@code width x height}, naming {@code what}. */
  public SaliencyMap requireSize(int expectedWidth, int expectedHeight, String what) {
    if (width != expectedWidth || height != expectedHeight) {
      throw new GradCamException(what + " is " + width + "x" + height + " but the image is "
          + expectedWidth + "x" + expectedHeight + "; resize the map to the image first");
    }
    return this;
  }

  /**
   * Min-max normalised copy: {@code (v - min) / (1e-7 + max - min)}, the convention of the common
   * Python CAM tools; a constant map becomes all zeros.
   */
  public SaliencyMap normalized01() {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    float[] out = new float[values.length];
    float scale = 1f / (1e-7f + (max - min));
    for (int i = 0; i < out.length; i++) {
      out[i] = (values[i] - min) * scale;
    }
    return new SaliencyMap(width, height, out);
  }

  /**
   * Bilinear resize with pixel centres at half-integers, clamped at the edges and without
   * anti-aliasing (the convention of OpenCV's {@code INTER_LINEAR}, used to upsample CAMs). Returns
   * this map when it already has the requested size.
   */
  public SaliencyMap resized(int newWidth, int newHeight) {
    if (newWidth == width && newHeight == height) {
      return this;
    }
    return new SaliencyMap(newWidth, newHeight,
        org.gradcam4j.image.MapOps.resizeBilinear(values, height, width, newHeight, newWidth));
  }


  @Override
  public boolean equals(Object o) {
    return o instanceof SaliencyMap m && m.width == width && m.height == height
        && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "SaliencyMap[" + width + "x" + height + "]";
  }
}
