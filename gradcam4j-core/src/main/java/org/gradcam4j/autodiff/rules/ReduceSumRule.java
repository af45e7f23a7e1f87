package org.gradcam4j.autodiff.rules;


/** ReduceSum: the gradient is broadcast back over the summed axes. */
public final class ReduceSumRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    Reductions.backward(ctx, Reductions.axes(ctx, true), false);
  }
}
