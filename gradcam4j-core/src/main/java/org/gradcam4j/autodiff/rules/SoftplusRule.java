package org.gradcam4j.autodiff.rules;


/** Softplus {@code log(1 + exp(x))}: {@code g * sigmoid(x)}. */
public final class SoftplusRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0,
        DeepLiftRescale.apply(ctx, ctx.emit().mul(ctx.gradOutput(0), ctx.emit().op("Sigmoid", ctx.input(0)))));
  }
}
