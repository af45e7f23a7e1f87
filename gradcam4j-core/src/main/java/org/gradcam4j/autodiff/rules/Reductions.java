package org.gradcam4j.autodiff.rules;

import java.util.Arrays;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/** The backward shared by ReduceSum and ReduceMean: spread the gradient over the reduced axes. */
final class Reductions {
  private Reductions() {}

  /**
   * Reads the reduced axes of the current node: from input 1 when {@code axesAsInput}, else from
   * the "axes" attribute. Returns {@code null} for "all axes" and an empty array for "no axes"
   * (the identity, with noop_with_empty_axes=1).
   */
  static long[] axes(BackwardContext ctx, boolean axesAsInput) {
    int rank = ctx.rank(ctx.input(0));
    long[] axes = axesAsInput
        ? (ctx.hasInput(1) ? ctx.constantInts(1, "axes") : null)
        : ctx.attrInts("axes", null);
    if (axes == null || axes.length == 0) {
      return ctx.attrInt("noop_with_empty_axes", 0) == 1 ? new long[0] : null;
    }
    long[] normalised = new long[axes.length];
    for (int i = 0; i < axes.length; i++) {
      normalised[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
    }
    Arrays.sort(normalised);
    return normalised;
  }

  /**
   * 1 / the number of elements averaged into each output: a constant, or, where the batch axis is
   * averaged over, the ratio of the input and output sizes computed at run time.
   */
  private static String inverseCount(BackwardContext ctx, TensorShape shape, long[] axes) {
    GraphBuilder b = ctx.emit();
    long count = 1;
    boolean batchDependent = false;
    for (long a : axes) {
      long d = shape.dim((int) a);
      batchDependent |= d == TensorShape.BATCH;
      count *= d == TensorShape.BATCH ? 1 : d;
    }
    if (!batchDependent) {
      return b.constScalar(1f / count);
    }
    long toFloat = DataType.FLOAT.code();
    String inputSize = b.node("Cast").inputs(b.op("Size", ctx.input(0))).attr("to", toFloat).output();
    String outputSize = b.node("Cast").inputs(b.op("Size", ctx.output(0))).attr("to", toFloat).output();
    return b.div(outputSize, inputSize);
  }

  static void backward(BackwardContext ctx, long[] axes, boolean mean) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape shape = ctx.shape(x);
    String g = ctx.gradOutput(0);
    if (axes != null && axes.length == 0) {
      ctx.addGradient(0, g);
      return;
    }
    if (axes == null) {
      axes = new long[shape.rank()];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
    }
    if (ctx.attrInt("keepdims", 1) == 0) {
      g = b.unsqueeze(g, axes);
    }
    if (mean) {
      g = b.mul(g, inverseCount(ctx, shape, axes));
    }
    ctx.addGradient(0, b.expand(g, ctx.shapeTensor(x)));
  }
}
