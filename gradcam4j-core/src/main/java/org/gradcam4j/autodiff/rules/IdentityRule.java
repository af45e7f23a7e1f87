package org.gradcam4j.autodiff.rules;


/** Identity and Dropout (inference): the gradient passes through unchanged. */
public final class IdentityRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.gradOutput(0));
  }
}
