package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/** Erf (the core of exported Gelu): {@code g * 2 / sqrt(pi) * exp(-x^2)}. */
public final class ErfRule implements BackwardRule {
  private static final float TWO_OVER_SQRT_PI = (float) (2 / Math.sqrt(Math.PI));

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String density = b.op("Exp", b.neg(b.mul(x, x)));
    ctx.addGradient(0, b.mul(ctx.gradOutput(0), b.mul(density, b.constScalar(TWO_OVER_SQRT_PI))));
  }
}
