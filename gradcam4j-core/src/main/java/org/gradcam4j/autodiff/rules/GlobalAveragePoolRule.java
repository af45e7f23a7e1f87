package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/** GlobalAveragePool: the gradient spread evenly over the spatial positions. */
public final class GlobalAveragePoolRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape s = ctx.shape(x);
    float inverseArea = 1f / s.elementCountFrom(2);
    String scaled = b.mul(ctx.gradOutput(0), b.constScalar(inverseArea));
    ctx.addGradient(0, b.expand(scaled, ctx.shapeTensor(x)));
  }
}
