package org.gradcam4j.autodiff.rules;


/** Transpose: the gradient is transposed by the inverse permutation. */
public final class TransposeRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    int rank = ctx.rank(ctx.input(0));
    long[] perm = ctx.attrInts("perm", null);
    if (perm == null) {
      perm = new long[rank];
      for (int i = 0; i < rank; i++) {
        perm[i] = rank - 1 - i;
      }
    }
    long[] inverse = new long[rank];
    for (int i = 0; i < rank; i++) {
      inverse[(int) perm[i]] = i;
    }
    ctx.addGradient(0, ctx.emit().transpose(ctx.gradOutput(0), inverse));
  }
}
