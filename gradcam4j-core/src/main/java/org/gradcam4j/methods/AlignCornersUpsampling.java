package org.gradcam4j.methods;

/**
 * Bilinear resizing with {@code align_corners=True} (the corner pixels of input and output coincide),
 * computed in float32 in the order PyTorch's CPU kernel uses ({@code torch.nn.UpsamplingBilinear2d}),
 * so that Score-CAM's masks match pytorch-grad-cam's to the last bits: source coordinate
 * {@code d * (in - 1) / (out - 1)}, weights {@code 1 - f} and {@code f}, each output row blended from
 * two horizontally interpolated input rows.
 */
final class AlignCornersUpsampling {
  private final int inH;
  private final int inW;
  private final int outH;
  private final int outW;
  private final int[] y0;
  private final int[] y1;
  private final float[] wy0;
  private final float[] wy1;
  private final int[] x0;
  private final int[] x1;
  private final float[] wx0;
  private final float[] wx1;

  AlignCornersUpsampling(int inH, int inW, int outH, int outW) {
    this.inH = inH;
    this.inW = inW;
    this.outH = outH;
    this.outW = outW;
    y0 = new int[outH];
    y1 = new int[outH];
    wy0 = new float[outH];
    wy1 = new float[outH];
    x0 = new int[outW];
    x1 = new int[outW];
    wx0 = new float[outW];
    wx1 = new float[outW];
    taps(inH, outH, y0, y1, wy0, wy1);
    taps(inW, outW, x0, x1, wx0, wx1);
  }

  private static void taps(int in, int out, int[] i0, int[] i1, float[] w0, float[] w1) {
    if (in == out) {
      for (int d = 0; d < out; d++) {
        i0[d] = d;
        i1[d] = d;
        w0[d] = 1f;
        w1[d] = 0f;
      }
      return;
    }
    // float scale and float source index, as PyTorch computes them for float tensors.
    float scale = out > 1 ? (float) (in - 1) / (out - 1) : 0f;
    for (int d = 0; d < out; d++) {
      float real = scale * d;
      int s = Math.min((int) real, in - 1);
      i0[d] = s;
      i1[d] = s + (s < in - 1 ? 1 : 0);
      float lambda = Math.min(Math.max(real - s, 0f), 1f);
      w1[d] = lambda;
      w0[d] = 1f - lambda;
    }
  }

  /** Resizes one [inH, inW] plane starting at {@code offset} of {@code src} into {@code dst} [outH, outW]. */
  void resize(float[] src, int offset, float[] dst) {
    for (int y = 0; y < outH; y++) {
      int r0 = offset + y0[y] * inW;
      int r1 = offset + y1[y] * inW;
      float a = wy0[y];
      float b = wy1[y];
      int o = y * outW;
      for (int x = 0; x < outW; x++) {
        float t0 = src[r0 + x0[x]] * wx0[x] + src[r0 + x1[x]] * wx1[x];
        float t1 = src[r1 + x0[x]] * wx0[x] + src[r1 + x1[x]] * wx1[x];
        dst[o + x] = t0 * a + t1 * b;
      }
    }
  }

  int inputPlane() {
    return inH * inW;
  }
}
