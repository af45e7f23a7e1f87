package org.gradcam4j.autodiff.rules;


/** Expand: the gradient summed over the broadcast axes. */
public final class ExpandRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.unbroadcast(ctx.gradOutput(0), ctx.shape(ctx.output(0)), ctx.input(0)));
  }
}
