package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * MatMul with NumPy semantics: {@code dA = g B^T}, {@code dB = A^T g}, with the stacked (batch)
 * dimensions summed where an input was broadcast, and 1-D operands promoted as the forward does.
 */
public final class MatMulRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String a = ctx.input(0);
    String w = ctx.input(1);
    TensorShape sa = ctx.shape(a);
    TensorShape sw = ctx.shape(w);
    String g = ctx.gradOutput(0);
    // Promote 1-D operands to matrices, as the forward does, and give g the matching axes back.
    String a2 = sa.rank() == 1 ? b.unsqueeze(a, 0) : a;
    String w2 = sw.rank() == 1 ? b.unsqueeze(w, 1) : w;
    TensorShape sa2 = sa.rank() == 1 ? new TensorShape(1, sa.dim(0)) : sa;
    TensorShape sw2 = sw.rank() == 1 ? new TensorShape(sw.dim(0), 1) : sw;
    String g2 = g;
    if (sa.rank() == 1 && sw.rank() == 1) {
      g2 = b.reshape(g, b.constInts(1, 1));
    } else if (sa.rank() == 1) {
      g2 = b.unsqueeze(g, ctx.rank(ctx.output(0)) - 1);
    } else if (sw.rank() == 1) {
      g2 = b.unsqueeze(g, ctx.rank(ctx.output(0)));
    }
    TensorShape batch = broadcastBatch(sa2, sw2);
    if (ctx.needsGradient(0)) {
      String da = b.op("MatMul", g2, swapLast(b, w2, sw2.rank()));
      TensorShape daShape = withMatrix(batch, sa2.dim(-2), sa2.dim(-1));
      ctx.addGradient(0, reduceTo(ctx, da, daShape, sa2, a, sa.rank() == 1));
    }
    if (ctx.needsGradient(1)) {
      String dw = b.op("MatMul", swapLast(b, a2, sa2.rank()), g2);
      TensorShape dwShape = withMatrix(batch, sw2.dim(-2), sw2.dim(-1));
      ctx.addGradient(1, reduceTo(ctx, dw, dwShape, sw2, w, sw.rank() == 1));
    }
  }

  private static String swapLast(GraphBuilder b, String x, int rank) {
    long[] perm = new long[rank];
    for (int i = 0; i < rank; i++) {
      perm[i] = i;
    }
    perm[rank - 1] = rank - 2;
    perm[rank - 2] = rank - 1;
    return b.transpose(x, perm);
  }

  /** Sums a gradient over the batch axes its operand was broadcast along, then restores 1-D shapes. */
  private static String reduceTo(BackwardContext ctx, String grad, TensorShape gradShape, TensorShape target,
      String original, boolean wasVector) {
    GraphBuilder b = ctx.emit();
    int offset = gradShape.rank() - target.rank();
    java.util.List<Long> axes = new java.util.ArrayList<>();
    for (int k = 0; k < gradShape.rank() - 2; k++) {
      if (k < offset || (target.dim(k - offset) == 1 && gradShape.dim(k) != 1)) {
        axes.add((long) k);
      }
    }
    String out = grad;
    if (!axes.isEmpty()) {
      out = b.reduceSum(out, axes.stream().mapToLong(Long::longValue).toArray(), true);
    }
    if (offset > 0 || wasVector) {
      out = b.reshape(out, ctx.shapeTensor(original));
    }
    return out;
  }

  private static TensorShape broadcastBatch(TensorShape a, TensorShape b) {
    int n = Math.max(a.rank(), b.rank()) - 2;
    long[] dims = new long[Math.max(n, 0)];
    for (int k = 0; k < dims.length; k++) {
      int ia = a.rank() - 2 - dims.length + k;
      int ib = b.rank() - 2 - dims.length + k;
      long da = ia >= 0 ? a.dim(ia) : 1;
      long db = ib >= 0 ? b.dim(ib) : 1;
      dims[k] = da == 1 ? db : da;
    }
    return new TensorShape(dims);
  }

  private static TensorShape withMatrix(TensorShape batch, long rows, long cols) {
    long[] d = java.util.Arrays.copyOf(batch.dims(), batch.rank() + 2);
    d[batch.rank()] = rows;
    d[batch.rank() + 1] = cols;
    return new TensorShape(d);
  }
}
