package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Gather with constant indices (a class token, a fixed channel selection): each gathered slice's
 * gradient is added back at its index, repeated indices adding up. With the index dimensions merged
 * into one axis of size n, that is a product with a one-hot [n, D] matrix along the gathered axis.
 */
public final class GatherRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    TensorShape data = ctx.shape(ctx.input(0));
    int rank = data.rank();
    int axis = (int) ctx.attrInt("axis", 0);
    if (axis < 0) {
      axis += rank;
    }
    long size = data.dim(axis);
    if (size == TensorShape.BATCH) {
      throw ctx.unsupported("it gathers along the batch axis");
    }
    long[] indices = ctx.constantInts(1, "indices");
    int indexRank = ctx.shape(ctx.input(1)).rank();
    int n = indices.length;

    String g = ctx.gradOutput(0);
    if (indexRank == 0) {
      g = b.unsqueeze(g, axis);
    } else if (indexRank > 1) {
      long[] merged = new long[rank];
      for (int k = 0; k < rank; k++) {
        long d = data.dim(k);
        if (k < axis) {
          merged[k] = d == TensorShape.BATCH ? 0 : d; // 0: Reshape copies the dimension
        } else if (k == axis) {
          merged[k] = n;
        } else if (d == TensorShape.BATCH) {
          throw ctx.unsupported("a batch-dependent axis follows the gathered axis");
        } else {
          merged[k] = d;
        }
      }
      g = b.reshape(g, b.constInts(merged));
    }
    float[] oneHot = new float[Math.toIntExact(n * size)];
    for (int i = 0; i < n; i++) {
      long index = indices[i] < 0 ? indices[i] + size : indices[i];
      oneHot[Math.toIntExact(i * size + index)] += 1f;
    }
    ctx.addGradient(0, AlongAxis.contract(b, g, oneHot, n, (int) size, axis, rank));
  }
}
