package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Softmax along one axis (opset 13 semantics): {@code y * (g - sum(g * y))}. */
public final class SoftmaxRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    long axis = ctx.attrInt("axis", -1);
    String dot = b.reduceSum(b.mul(g, y), new long[] {axis}, true);
    ctx.addGradient(0, b.mul(y, b.sub(g, dot)));
  }
}
