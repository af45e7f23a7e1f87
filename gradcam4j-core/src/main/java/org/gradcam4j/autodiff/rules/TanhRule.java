package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Tanh: {@code g * (1 - y^2)}. */
public final class TanhRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String slope = b.sub(b.constScalar(1f), b.mul(y, y));
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, b.mul(ctx.gradOutput(0), slope)));
  }
}
