package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * MaxPool (overlapping windows, pads, dilations, ceil_mode). The node is evaluated once more with
 * its Indices output, and the gradient is scattered to the arg-max positions with
 * ScatterElements(reduction="add"), so positions chosen by several overlapping windows receive the
 * sum. (This needs opset 16; older models are upgraded first.)
 */
public final class MaxPoolRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.attrInt("storage_order", 0) != 0) {
      throw ctx.unsupported("column-major storage_order is not supported");
    }
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String indices;
    if (ctx.node().getOutputCount() > 1 && !ctx.output(1).isEmpty()) {
      indices = ctx.output(1);
    } else {
      indices = b.node("MaxPool").inputs(x).attrsFrom(ctx.node()).outputs(2)[1];
    }
    TensorShape shape = ctx.shape(x);
    String flatSize = shape.hasBatchDims()
        ? b.reshape(b.op("Size", x), b.constInts(1))
        : b.constInts(shape.elementCount());
    String zeros = b.node("ConstantOfShape").inputs(flatSize)
        .attr("value", org.gradcam4j.onnx.Tensors.floats("", new long[] {1}, new float[] {0f})).output();
    String flatIndices = b.reshape(indices, b.constInts(-1));
    String flatGrad = b.reshape(ctx.gradOutput(0), b.constInts(-1));
    String scattered = b.node("ScatterElements").inputs(zeros, flatIndices, flatGrad)
        .attr("axis", 0L).attr("reduction", "add").output();
    ctx.addGradient(0, b.reshape(scattered, ctx.shapeTensor(x)));
  }
}
