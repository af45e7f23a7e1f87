package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** LeakyRelu: slope 1 where the input is positive, {@code alpha} elsewhere. */
public final class LeakyReluRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    float alpha = ctx.attrFloat("alpha", 0.01f);
    String g = ctx.gradOutput(0);
    // With alpha > 0 the output has the sign of the input; reading it keeps Conv+LeakyRelu fusable.
    String probe = alpha > 0 ? ctx.output(0) : ctx.input(0);
    String positive = b.greater(probe, b.constScalar(0f));
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, b.where(positive, g, b.mul(g, b.constScalar(alpha)))));
  }
}
