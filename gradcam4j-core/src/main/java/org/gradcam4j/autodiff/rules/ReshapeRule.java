package org.gradcam4j.autodiff.rules;


/** Flatten, Reshape, Squeeze, Unsqueeze: only the shape changes, so the gradient is reshaped back. */
public final class ReshapeRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    String x = ctx.input(0);
    ctx.addGradient(0, ctx.emit().reshape(ctx.gradOutput(0), ctx.shapeTensor(x)));
  }
}
