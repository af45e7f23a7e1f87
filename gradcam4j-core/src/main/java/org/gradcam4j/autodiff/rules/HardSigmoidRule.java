package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** HardSigmoid {@code max(0, min(1, alpha x + beta))}: slope {@code alpha} where 0 &lt; y &lt; 1. */
public final class HardSigmoidRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    float alpha = ctx.attrFloat("alpha", 0.2f);
    String linear = PassMask.between(ctx, y, 0f, 1f);
    String g = ctx.gradOutput(0);
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, b.mul(b.mul(g, b.constScalar(alpha)), linear)));
  }
}
