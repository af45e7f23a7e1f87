package org.gradcam4j.autodiff.rules;


/** Log: {@code g / x}. */
public final class LogRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().div(ctx.gradOutput(0), ctx.input(0)));
  }
}
