package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Sub with broadcasting: {@code +g} for the first input, {@code -g} for the second. */
public final class SubRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    String g = ctx.gradOutput(0);
    var outShape = ctx.shape(ctx.output(0));
    if (ctx.needsGradient(0)) {
      ctx.addGradient(0, ctx.unbroadcast(g, outShape, ctx.input(0)));
    }
    if (ctx.needsGradient(1)) {
      ctx.addGradient(1, ctx.unbroadcast(ctx.emit().neg(g), outShape, ctx.input(1)));
    }
  }
}
