package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * DeepLIFT's rescale rule for an element-wise nonlinearity {@code y = f(x)} (Shrikumar et al. 2017):
 * the multiplier is {@code (y - y_ref) / (x - x_ref)} instead of {@code f'(x)}.
 *
 * <p>The reference is the <em>last sample of the batch</em>: {@link BackwardVariant.Mode#DEEPLIFT}
 * graphs are run on the images followed by one reference input, so every forward tensor holds the
 * reference's activations in its last row, and {@code x - x_ref} is a broadcast subtraction. Where
 * {@code |x - x_ref| <= EPSILON} (the reference row itself included) the ordinary gradient is used,
 * as in Captum. Because linear ops keep their ordinary rules, the input multipliers times
 * {@code x - x_ref} sum to {@code f(x) - f(x_ref)} on networks whose nonlinearities are all
 * element-wise (the completeness of the rescale rule).
 */
final class DeepLiftRescale {
  /** Differences at or below this are treated as zero (Captum's DeepLift uses 1e-10). */
  static final float EPSILON = 1e-10f;

  private DeepLiftRescale() {}

  /**
   * The gradient of input 0 under the context's variant.
   *
   * @param ordinary the ordinary gradient of input 0 ({@code g * f'(x)}), returned unchanged unless
   *     the variant is DeepLIFT
   */
  static String apply(BackwardContext ctx, String ordinary) {
    if (ctx.variant().mode() != BackwardVariant.Mode.DEEPLIFT) {
      return ordinary;
    }
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String y = ctx.output(0);
    String dx = b.sub(x, lastRow(b, x));
    String dy = b.sub(y, lastRow(b, y));
    String apart = b.greater(b.op("Abs", dx), b.constScalar(EPSILON));
    String ratio = b.div(dy, b.where(apart, dx, b.constScalar(1f)));
    return b.where(apart, b.mul(ctx.gradOutput(0), ratio), ordinary);
  }

  /** The last sample of a batch, keeping the batch axis (so that it broadcasts over the batch). */
  private static String lastRow(GraphBuilder b, String t) {
    return b.node("Slice").inputs(t, b.constInts(-1), b.constInts(Long.MAX_VALUE), b.constInts(0)).output();
  }
}
