package org.gradcam4j.eval;

import org.gradcam4j.runtime.FloatTensor;

/** Small hand-made images, maps and regions for the metric tests. */
final class TestImages {
  private TestImages() {}

  /** A {@code w x h} region flag array, true in the rectangle {@code [x0, x1) x [y0, y1)}. */
  static boolean[] rect(int w, int h, int x0, int y0, int x1, int y1) {
    boolean[] r = new boolean[w * h];
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        r[y * w + x] = true;
      }
    }
    return r;
  }

  /** A map that is {@code inside} on the region and {@code outside} elsewhere. */
  static SaliencyMap mapOf(boolean[] region, int w, int h, float inside, float outside) {
    float[] v = new float[w * h];
    for (int i = 0; i < v.length; i++) {
      v[i] = region[i] ? inside : outside;
    }
    return SaliencyMap.of(v, w, h);
  }

  /** A {@code [c, h, w]} image equal to {@code inside} on the region (all channels), 0 elsewhere. */
  static FloatTensor imageOf(boolean[] region, int c, int w, int h, float inside) {
    float[] d = new float[c * w * h];
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < w * h; i++) {
        d[ch * w * h + i] = region[i] ? inside : 0f;
      }
    }
    return new FloatTensor(new long[] {c, h, w}, d);
  }

  /** A Gaussian bump centred at (cx, cy). */
  static SaliencyMap bump(int w, int h, double cx, double cy, double sigma) {
    float[] v = new float[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
        v[y * w + x] = (float) Math.exp(-d2 / (2 * sigma * sigma));
      }
    }
    return SaliencyMap.of(v, w, h);
  }
}
