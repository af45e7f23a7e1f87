package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** LogSoftmax along one axis (opset 13 semantics): {@code g - exp(y) * sum(g)}. */
public final class LogSoftmaxRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    long axis = ctx.attrInt("axis", -1);
    String total = b.reduceSum(g, new long[] {axis}, true);
    ctx.addGradient(0, b.sub(g, b.mul(b.op("Exp", y), total)));
  }
}
