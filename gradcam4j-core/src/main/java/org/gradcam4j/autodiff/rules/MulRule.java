package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Mul with broadcasting: {@code g * b} for a, {@code g * a} for b, each summed to its own shape. */
public final class MulRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String g = ctx.gradOutput(0);
    var outShape = ctx.shape(ctx.output(0));
    if (ctx.needsGradient(0)) {
      ctx.addGradient(0, ctx.unbroadcast(b.mul(g, ctx.input(1)), outShape, ctx.input(0)));
    }
    if (ctx.needsGradient(1)) {
      ctx.addGradient(1, ctx.unbroadcast(b.mul(g, ctx.input(0)), outShape, ctx.input(1)));
    }
  }
}
