package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Tile with constant repeats: every input element's gradient is the sum over its copies. Along a
 * tiled axis, output index {@code t * d + j} is a copy of input index j, so the output gradient is
 * reshaped to [r0, d0, r1, d1, ...] and summed over the r axes.
 */
public final class TileRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    TensorShape in = ctx.shape(ctx.input(0));
    int rank = in.rank();
    long[] repeats = ctx.constantInts(1, "repeats");
    long[] split = new long[2 * rank];
    long[] copyAxes = new long[rank];
    boolean anyRepeat = false;
    boolean batchSeen = false;
    for (int k = 0; k < rank; k++) {
      long d = in.dim(k);
      if (d == TensorShape.BATCH) {
        if (repeats[k] != 1 || batchSeen) {
          throw ctx.unsupported("it repeats along a batch-dependent axis");
        }
        batchSeen = true;
        d = -1; // Reshape infers it
      }
      split[2 * k] = repeats[k];
      split[2 * k + 1] = d;
      copyAxes[k] = 2L * k;
      anyRepeat |= repeats[k] != 1;
    }
    String g = ctx.gradOutput(0);
    if (!anyRepeat) {
      ctx.addGradient(0, g);
      return;
    }
    ctx.addGradient(0, b.reduceSum(b.reshape(g, b.constInts(split)), copyAxes, false));
  }
}
