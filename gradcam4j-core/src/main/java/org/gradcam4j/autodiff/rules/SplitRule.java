package org.gradcam4j.autodiff.rules;


/** Split: the output gradients are concatenated back (zeros for outputs no gradient reaches). */
public final class SplitRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    int rank = ctx.rank(ctx.input(0));
    long axis = ctx.attrInt("axis", 0);
    if (axis < 0) {
      axis += rank;
    }
    int outputs = ctx.node().getOutputCount();
    String[] parts = new String[outputs];
    for (int j = 0; j < outputs; j++) {
      parts[j] = ctx.gradOutputOrZeros(j);
    }
    ctx.addGradient(0, ctx.emit().node("Concat").inputs(parts).attr("axis", axis).output());
  }
}
