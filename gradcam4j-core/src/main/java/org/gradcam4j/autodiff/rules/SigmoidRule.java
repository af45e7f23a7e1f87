package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Sigmoid: {@code g * y * (1 - y)}. */
public final class SigmoidRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String slope = b.mul(y, b.sub(b.constScalar(1f), y));
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, b.mul(ctx.gradOutput(0), slope)));
  }
}
