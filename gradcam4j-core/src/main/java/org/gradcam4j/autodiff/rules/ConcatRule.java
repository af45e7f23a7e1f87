package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/** Concat: each input receives its slice of the output gradient along the concatenation axis. */
public final class ConcatRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return true;
  }

  @Override
  public void backward(BackwardContext ctx) {
    int rank = ctx.rank(ctx.output(0));
    long axis = ctx.attrInt("axis", 0);
    if (axis < 0) {
      axis += rank;
    }
    long offset = 0;
    for (int i = 0; i < ctx.inputCount(); i++) {
      if (!ctx.hasInput(i)) {
        continue;
      }
      long size = ctx.shape(ctx.input(i)).dim((int) axis);
      if (size == TensorShape.BATCH) {
        throw ctx.unsupported("it concatenates along the batch axis");
      }
      if (ctx.needsGradient(i)) {
        var b = ctx.emit();
        String slice = b.op("Slice", ctx.gradOutput(0), b.constInts(offset), b.constInts(offset + size),
            b.constInts(axis));
        ctx.addGradient(i, slice);
      }
      offset += size;
    }
  }
}
