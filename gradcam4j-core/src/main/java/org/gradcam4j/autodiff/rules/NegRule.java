package org.gradcam4j.autodiff.rules;


/** Neg: {@code -g}. */
public final class NegRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().neg(ctx.gradOutput(0)));
  }
}
