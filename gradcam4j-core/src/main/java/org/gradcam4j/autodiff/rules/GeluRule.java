package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * Gelu (opset 20; earlier exports write it out with Erf). Exact form {@code x * Phi(x)}:
 * {@code dy/dx = Phi(x) + x * phi(x)}, with Phi and phi the standard normal distribution and
 * density. Tanh form {@code 0.5 x (1 + tanh(u))}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}:
 * {@code dy/dx = 0.5 (1 + t) + 0.5 x (1 - t^2) sqrt(2/pi) (1 + 3 * 0.044715 x^2)}, {@code t = tanh(u)}.
 */
public final class GeluRule implements BackwardRule {
  private static final float SQRT_2_OVER_PI = (float) Math.sqrt(2 / Math.PI);
  private static final float CUBIC = 0.044715f;

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String approximate = ctx.attrString("approximate", "none");
    String derivative;
    if (approximate.equals("none")) {
      String cdf = b.mul(b.constScalar(0.5f),
          b.add(b.constScalar(1f), b.op("Erf", b.mul(x, b.constScalar((float) (1 / Math.sqrt(2)))))));
      String density = b.mul(b.constScalar((float) (1 / Math.sqrt(2 * Math.PI))),
          b.op("Exp", b.mul(b.constScalar(-0.5f), b.mul(x, x))));
      derivative = b.add(cdf, b.mul(x, density));
    } else if (approximate.equals("tanh")) {
      String square = b.mul(x, x);
      String u = b.mul(b.constScalar(SQRT_2_OVER_PI), b.add(x, b.mul(b.constScalar(CUBIC), b.mul(square, x))));
      String t = b.op("Tanh", u);
      String du = b.mul(b.constScalar(SQRT_2_OVER_PI), b.add(b.constScalar(1f), b.mul(b.constScalar(3 * CUBIC), square)));
      String dt = b.sub(b.constScalar(1f), b.mul(t, t));
      derivative = b.mul(b.constScalar(0.5f), b.add(b.add(b.constScalar(1f), t), b.mul(x, b.mul(dt, du))));
    } else {
      throw ctx.unsupported("approximate='" + approximate + "' is neither 'none' nor 'tanh'");
    }
    ctx.addGradient(0, b.mul(ctx.gradOutput(0), derivative));
  }
}
