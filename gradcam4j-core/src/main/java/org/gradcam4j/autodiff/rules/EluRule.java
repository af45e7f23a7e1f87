package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Elu: 1 where x &gt; 0, else {@code y + alpha} (the derivative of alpha * (exp(x) - 1)). */
public final class EluRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    String g = ctx.gradOutput(0);
    String alpha = b.constScalar(ctx.attrFloat("alpha", 1f));
    String positive = b.greater(y, b.constScalar(0f));
    ctx.addGradient(0, DeepLiftRescale.apply(ctx, b.where(positive, g, b.mul(g, b.add(y, alpha)))));
  }
}
