package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Reciprocal: {@code -g * y^2}. */
public final class ReciprocalRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    ctx.addGradient(0, b.neg(b.mul(ctx.gradOutput(0), b.mul(y, y))));
  }
}
