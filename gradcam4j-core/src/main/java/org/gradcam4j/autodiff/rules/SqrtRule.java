package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Sqrt: {@code g / (2 y)}. */
public final class SqrtRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    ctx.addGradient(0, b.div(b.mul(ctx.gradOutput(0), b.constScalar(0.5f)), ctx.output(0)));
  }
}
