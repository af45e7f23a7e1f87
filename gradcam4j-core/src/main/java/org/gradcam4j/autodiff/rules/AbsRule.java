package org.gradcam4j.autodiff.rules;


/** Abs: {@code g * sign(x)} (0 at x = 0, as in PyTorch). */
public final class AbsRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().mul(ctx.gradOutput(0), ctx.emit().op("Sign", ctx.input(0))));
  }
}
