package org.gradcam4j.autodiff.rules;

import java.util.Arrays;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * The float mask {@code 1 where lo < y < hi, 0 elsewhere} that ReLU-like activations multiply their
 * output gradient by (ReLU: {@code (0, inf)}; ReLU6: {@code (0, 6)}; HardSigmoid's linear part:
 * {@code (0, 1)}).
 *
 * <p>Why not simply Greater/Less and a Cast: ONNX Runtime runs convolutions in a blocked channel
 * layout (NCHWc) and converts a tensor back to plain NCHW for every operator that has no blocked
 * kernel, and comparisons have none. A mask built from comparisons therefore costs three layout
 * conversions per activation (the forward output, the incoming gradient and the masked result), which
 * made them the largest part of a MobileNet's input gradient. Convolutions, Tanh and Mul do run in the
 * blocked layout, so for 4-D activations whose channel count the layout accepts the mask is computed
 * as {@code tanh(BIG * (y - lo) * (hi - y))}:
 * <ul>
 *   <li>the distances to the bounds come from depthwise 1x1 convolutions with constant weight and bias
 *       ({@code y * BIG - lo * BIG}); BIG is a power of two, so both products are exact and a value
 *       that sits exactly on a bound (a saturated unit) gives exactly 0, and tanh(0) = 0;</li>
 *   <li>every other value gives an argument far above 9, where tanh is exactly 1 in float
 *       arithmetic; only values within about {@code 1e-15} of a bound (but not on it) would get a
 *       mask between 0 and 1.</li>
 * </ul>
 * Everywhere else (other ranks, channel counts the blocked layout rejects, unbounded clips) the mask
 * is the plain comparison.
 */
final class PassMask {
  /** 2^64: large enough to saturate tanh for distances above 5e-19, small enough not to overflow. */
  private static final float BIG = 0x1p64f;
  /** ONNX Runtime's blocked layout uses 8 or 16 channels per block, depending on the CPU. */
  private static final long CHANNEL_BLOCK = 16;
  /** Widest interval whose squared half-width times BIG stays finite in float. */
  private static final float WIDEST_INTERVAL = 1e9f;
  /** Narrowest interval whose inside still saturates tanh, down to 1e-15 from a bound. */
  private static final float NARROWEST_INTERVAL = 1e-3f;

  private PassMask() {}

  /**
   * The mask of {@code lo < y < hi}. Either bound may be infinite (no bound), not both.
   *
   * @param y a forward tensor whose values lie in {@code [lo, hi]} (the activation's output)
   */
  static String between(BackwardContext ctx, String y, float lo, float hi) {
    if (lo == Float.NEGATIVE_INFINITY && hi == Float.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("a pass mask needs at least one finite bound");
    }
    GraphBuilder b = ctx.emit();
    TensorShape shape = ctx.shape(y);
    boolean blocked = shape.rank() == 4 && !shape.isBatchDim(1) && shape.dim(1) % CHANNEL_BLOCK == 0
        && (Float.isInfinite(lo) || Float.isInfinite(hi) || (hi - lo <= WIDEST_INTERVAL && hi - lo >= NARROWEST_INTERVAL));
    if (!blocked) {
      return comparisons(b, y, lo, hi);
    }
    long channels = shape.dim(1);
    if (Float.isInfinite(hi)) {
      return b.op("Tanh", affine(b, y, channels, BIG, -lo * BIG));
    }
    if (Float.isInfinite(lo)) {
      return b.op("Tanh", affine(b, y, channels, -BIG, hi * BIG));
    }
    String fromLow = lo == 0f ? y : affine(b, y, channels, 1f, -lo);
    return b.op("Tanh", b.mul(fromLow, affine(b, y, channels, -BIG, hi * BIG)));
  }

  private static String comparisons(GraphBuilder b, String y, float lo, float hi) {
    String above = Float.isInfinite(lo) ? null : b.greater(y, b.constScalar(lo));
    String below = Float.isInfinite(hi) ? null : b.less(y, b.constScalar(hi));
    String inside = above == null ? below : below == null ? above : b.and(above, below);
    return b.floatMask(inside);
  }

  /** {@code y * scale + shift} as a depthwise 1x1 convolution (a blocked-layout operator). */
  private static String affine(GraphBuilder b, String y, long channels, float scale, float shift) {
    float[] weights = new float[(int) channels];
    float[] bias = new float[(int) channels];
    Arrays.fill(weights, scale);
    Arrays.fill(bias, shift);
    return b.node("Conv")
        .inputs(y, b.constFloats(new long[] {channels, 1, 1, 1}, weights), b.constFloats(new long[] {channels}, bias))
        .attr("group", channels)
        .output();
  }
}
