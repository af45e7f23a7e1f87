package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Add with broadcasting: each input receives the output gradient summed over its broadcast axes. */
public final class AddRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    String g = ctx.gradOutput(0);
    var outShape = ctx.shape(ctx.output(0));
    for (int i = 0; i < 2; i++) {
      if (ctx.needsGradient(i)) {
        ctx.addGradient(i, ctx.unbroadcast(g, outShape, ctx.input(i)));
      }
    }
  }
}
