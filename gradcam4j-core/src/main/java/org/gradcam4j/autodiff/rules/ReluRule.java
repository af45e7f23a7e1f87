package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * Relu. The forward mask is read from the output ({@code y > 0} exactly when {@code x > 0}), so
 * ONNX Runtime can still fuse the Relu into the preceding convolution. The mask rule depends on the
 * {@link org.gradcam4j.autodiff.rules.BackwardVariant}: standard (also under LRP, where a Relu passes
 * relevance on unchanged), guided backpropagation, deconvnet, or DeepLIFT's rescale rule.
 */
public final class ReluRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String g = ctx.gradOutput(0);
    String grad = switch (ctx.variant().mode()) {
      case GUIDED -> b.mul(b.relu(g), positive(ctx));
      case DECONVNET -> b.relu(g);
      case STANDARD, DEEPLIFT, LRP -> b.mul(g, positive(ctx));
    };
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, grad));
  }

  private static String positive(BackwardContext ctx) {
    return PassMask.between(ctx, ctx.output(0), 0f, Float.POSITIVE_INFINITY);
  }
}
