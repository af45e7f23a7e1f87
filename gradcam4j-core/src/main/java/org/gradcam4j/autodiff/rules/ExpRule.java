package org.gradcam4j.autodiff.rules;


/** Exp: {@code g * y}. */
public final class ExpRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().mul(ctx.gradOutput(0), ctx.output(0)));
  }
}
