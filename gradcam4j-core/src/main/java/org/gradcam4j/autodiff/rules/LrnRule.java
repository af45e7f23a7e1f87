package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * LRN (local response normalisation across channels), {@code y_c = x_c / s_c^beta} with
 * {@code s_c = bias + alpha/size * sum_{i in window(c)} x_i^2}. Differentiating gives
 * {@code dx_j = g_j s_j^-beta - (2 alpha beta / size) x_j sum_{c : j in window(c)} g_c x_c s_c^(-beta-1)}.
 * Both channel-window sums are computed by a convolution with a kernel of ones along the channel
 * axis; the second uses the mirrored window.
 */
public final class LrnRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    int rank = ctx.rank(x);
    long size = ctx.attrInt("size", 1);
    float alpha = ctx.attrFloat("alpha", 1e-4f);
    float beta = ctx.attrFloat("beta", 0.75f);
    float bias = ctx.attrFloat("bias", 1f);
    long before = (size - 1) / 2;
    long after = size - 1 - before;
    String g = ctx.gradOutput(0);

    String squares = b.mul(x, x);
    String s = b.add(b.constScalar(bias), b.mul(b.constScalar(alpha / size), windowSum(ctx, squares, rank, size, before, after)));
    String sPow = b.op("Pow", s, b.constScalar(-beta));
    String direct = b.mul(g, sPow);
    String q = b.div(b.mul(b.mul(g, x), sPow), s);
    String spread = windowSum(ctx, q, rank, size, after, before);
    String coupled = b.mul(b.constScalar(2f * alpha * beta / size), b.mul(x, spread));
    ctx.addGradient(0, b.sub(direct, coupled));
  }

  /** For each channel c, the sum of {@code t} over channels c - before .. c + after (clipped). */
  private static String windowSum(BackwardContext ctx, String t, int rank, long size, long before, long after) {
    GraphBuilder b = ctx.emit();
    // [N, C, rest...] -> [N, 1, C, rest...], then a convolution with kernel [size, 1, ...].
    String lifted = b.unsqueeze(t, 1);
    int spatial = rank - 1;
    long[] kernelDims = new long[spatial + 2];
    kernelDims[0] = 1;
    kernelDims[1] = 1;
    kernelDims[2] = size;
    long[] pads = new long[2 * spatial];
    pads[0] = before;
    pads[spatial] = after;
    for (int i = 1; i < spatial; i++) {
      kernelDims[i + 2] = 1;
    }
    float[] ones = new float[(int) size];
    java.util.Arrays.fill(ones, 1f);
    String sum = b.node("Conv").inputs(lifted, b.constFloats(kernelDims, ones)).attrInts("pads", pads).output();
    return b.op("Squeeze", sum, b.constInts(1));
  }
}
