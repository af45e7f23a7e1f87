package org.gradcam4j.autodiff.rules;


/** ReduceMean: the gradient is broadcast back over the averaged axes and divided by their size. */
public final class ReduceMeanRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    boolean axesAsInput = ctx.emit().opset() >= 18;
    Reductions.backward(ctx, Reductions.axes(ctx, axesAsInput), true);
  }
}
