package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Div with broadcasting: {@code g / b} for a, {@code -g * y / b} (= -g a / b^2) for b. */
public final class DivRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String g = ctx.gradOutput(0);
    String divisor = ctx.input(1);
    var outShape = ctx.shape(ctx.output(0));
    if (ctx.needsGradient(0)) {
      ctx.addGradient(0, ctx.unbroadcast(b.div(g, divisor), outShape, ctx.input(0)));
    }
    if (ctx.needsGradient(1)) {
      String grad = b.neg(b.div(b.mul(g, ctx.output(0)), divisor));
      ctx.addGradient(1, ctx.unbroadcast(grad, outShape, divisor));
    }
  }
}
