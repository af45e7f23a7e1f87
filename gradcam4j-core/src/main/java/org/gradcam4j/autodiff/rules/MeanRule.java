package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Mean (variadic, broadcasting): every input receives {@code g / n}, summed to its shape. */
public final class MeanRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return true;
  }

  @Override
  public void backward(BackwardContext ctx) {
    var b = ctx.emit();
    String share = b.mul(ctx.gradOutput(0), b.constScalar(1f / ctx.inputCount()));
    var outShape = ctx.shape(ctx.output(0));
    for (int i = 0; i < ctx.inputCount(); i++) {
      if (ctx.needsGradient(i)) {
        ctx.addGradient(i, ctx.unbroadcast(share, outShape, ctx.input(i)));
      }
    }
  }
}
