package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** PRelu: slope 1 where x &gt; 0, the (broadcast) learned slope elsewhere; also the slope's gradient. */
public final class PReluRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String slope = ctx.input(1);
    String g = ctx.gradOutput(0);
    String zero = b.constScalar(0f);
    String positive = b.greater(x, zero);
    if (ctx.needsGradient(0)) {
      ctx.addGradient(0, b.where(positive, g, b.mul(g, slope)));
    }
    if (ctx.needsGradient(1)) {
      String perElement = b.where(positive, zero, b.mul(g, x));
      ctx.addGradient(1, ctx.unbroadcast(perElement, ctx.shape(ctx.output(0)), slope));
    }
  }
}
