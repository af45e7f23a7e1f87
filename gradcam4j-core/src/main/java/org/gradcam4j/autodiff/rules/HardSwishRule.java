package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;

/**
 * HardSwish {@code x * max(0, min(1, x/6 + 1/2))}: 0 below -3, {@code x/3 + 1/2} up to 3, 1 above
 * (the same boundary convention as PyTorch).
 */
public final class HardSwishRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String g = ctx.gradOutput(0);
    String middle = b.mul(g, b.add(b.mul(x, b.constScalar(1f / 3f)), b.constScalar(0.5f)));
    String upper = b.where(b.op("LessOrEqual", x, b.constScalar(3f)), middle, g);
    ctx.addGradient(0,
        DeepLiftRescale.apply(ctx, b.where(b.less(x, b.constScalar(-3f)), b.constScalar(0f), upper)));
  }
}
