package org.gradcam4j.image;

/**
 * Post-processing of explanation maps (row-major float arrays), done as pytorch-grad-cam does it
 * so that returned maps can be compared with its output: min-max normalisation and OpenCV's
 * bilinear resize, both in float32.
 */
public final class MapOps {
  /** pytorch-grad-cam's guard against division by zero in min-max normalisation. */
  private static final double NORMALIZE_EPSILON = 1e-7;

  private MapOps() {}

  /**
   * {@code (m - min) / (1e-7 + max(m - min))}: scales a map to [0, 1) without division by zero; a
   * constant map (e.g. all zero) becomes all zero. Returns a new array.
   */
  public static float[] normalize(float[] map) {
    float[] out = new float[map.length];
    if (map.length == 0) {
      return out;
    }
    float min = Float.POSITIVE_INFINITY;
    for (float v : map) {
      min = Math.min(min, v);
    }
    float max = Float.NEGATIVE_INFINITY;
    for (int i = 0; i < map.length; i++) {
      out[i] = map[i] - min;
      max = Math.max(max, out[i]);
    }
    // NumPy 1.x adds the Python float to the float32 maximum in double, then divides in float32.
    float denominator = (float) (NORMALIZE_EPSILON + max);
    for (int i = 0; i < out.length; i++) {
      out[i] /= denominator;
    }
    return out;
  }

  /**
   * Resizes an {@code h} x {@code w} map to {@code outH} x {@code outW} like OpenCV's {@code
   * cv2.resize(m, (outW, outH))} (INTER_LINEAR) on float32: pixel centres are aligned (source
   * coordinate {@code (d + 0.5) * in / out - 0.5}), coordinates outside the map are clamped to the
   * edge, and there is no antialiasing when shrinking.
   */
  public static float[] resizeBilinear(float[] src, int h, int w, int outH, int outW) {
    if (h <= 0 || w <= 0 || outH <= 0 || outW <= 0) {
      throw new IllegalArgumentException("sizes must be positive: " + h + "x" + w + " -> " + outH + "x" + outW);
    }
    if (src.length != h * w) {
      throw new IllegalArgumentException("a " + h + "x" + w + " map needs " + h * w + " values, got " + src.length);
    }
    Taps xs = Taps.of(w, outW);
    Taps ys = Taps.of(h, outH);
    // Horizontal pass on every source row, then a vertical blend of two rows, both in float.
    float[] rows = new float[h * outW];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < outW; x++) {
        int s = y * w + xs.index[x];
        float v = src[s] * xs.weight0[x];
        if (xs.weight1[x] != 0f) {
          v += src[s + 1] * xs.weight1[x];
        }
        rows[y * outW + x] = v;
      }
    }
    float[] out = new float[outH * outW];
    for (int y = 0; y < outH; y++) {
      int r0 = ys.index[y] * outW;
      int r1 = Math.min(ys.index[y] + 1, h - 1) * outW;
      float b0 = ys.weight0[y];
      float b1 = ys.weight1[y];
      for (int x = 0; x < outW; x++) {
        out[y * outW + x] = rows[r0 + x] * b0 + rows[r1 + x] * b1;
      }
    }
    return out;
  }

  /**
   * pytorch-grad-cam's {@code scale_cam_image} as applied to a returned map: normalise the
   * layer-resolution map, resize it to the input size, and normalise again (its multi-layer
   * aggregation step, which is not a no-op because interpolation rarely hits the extremes exactly).
   */
  public static float[] scaleCam(float[] lowres, int h, int w, int outH, int outW) {
    return normalize(resizeBilinear(normalize(lowres), h, w, outH, outW));
  }

  /** Source index and the two weights of each output position along one axis. */
  private static final class Taps {
    final int[] index;
    final float[] weight0;
    final float[] weight1;

    private Taps(int n) {
      index = new int[n];
      weight0 = new float[n];
      weight1 = new float[n];
    }

    static Taps of(int in, int out) {
      Taps t = new Taps(out);
      double scale = 1.0 / ((double) out / in);
      for (int d = 0; d < out; d++) {
        float f = (float) ((d + 0.5) * scale - 0.5);
        int s = (int) Math.floor(f);
        f -= s;
        if (s < 0) {
          s = 0;
          f = 0;
        }
        if (s >= in - 1) {
          s = in - 1;
          f = 0;
        }
        t.index[d] = s;
        t.weight0[d] = 1f - f;
        t.weight1[d] = f;
      }
      return t;
    }
  }
}
