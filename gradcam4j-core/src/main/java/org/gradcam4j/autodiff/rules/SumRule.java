package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Sum (variadic, broadcasting): every input receives the output gradient, summed to its shape. */
public final class SumRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return true;
  }

  @Override
  public void backward(BackwardContext ctx) {
    var outShape = ctx.shape(ctx.output(0));
    for (int i = 0; i < ctx.inputCount(); i++) {
      if (ctx.needsGradient(i)) {
        ctx.addGradient(i, ctx.unbroadcast(ctx.gradOutput(0), outShape, ctx.input(i)));
      }
    }
  }
}
