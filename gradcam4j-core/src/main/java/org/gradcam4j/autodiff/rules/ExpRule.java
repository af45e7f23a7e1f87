package org.gradcam4j.autodiff.rules;

import org.gradcam4j.autodiff.BackwardContext;
import org.gradcam4j.autodiff.BackwardRule;

/** Exp: {@code g * y}. */
public final class ExpRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().mul(ctx.gradOutput(0), ctx.output(0)));
  }
}
