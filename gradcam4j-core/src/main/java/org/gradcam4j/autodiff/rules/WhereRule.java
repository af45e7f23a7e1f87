package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Where(condition, X, Y): X receives the gradient where the condition holds, Y elsewhere. */
public final class WhereRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index == 1 || index == 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String g = ctx.gradOutput(0);
    String zero = b.constScalar(0f);
    var outShape = ctx.shape(ctx.output(0));
    if (ctx.needsGradient(1)) {
      ctx.addGradient(1, ctx.unbroadcast(b.where(ctx.input(0), g, zero), outShape, ctx.input(1)));
    }
    if (ctx.needsGradient(2)) {
      ctx.addGradient(2, ctx.unbroadcast(b.where(ctx.input(0), zero, g), outShape, ctx.input(2)));
    }
  }
}
