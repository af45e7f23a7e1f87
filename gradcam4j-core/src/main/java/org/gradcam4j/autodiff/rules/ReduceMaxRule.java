package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * ReduceMax: each output's gradient goes to the input elements equal to the maximum, shared evenly
 * where several are (the axes are an attribute before opset 18 and an input from then on).
 */
public final class ReduceMaxRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    long[] axes = Reductions.axes(ctx, b.opset() >= 18);
    String g = ctx.gradOutput(0);
    if (axes != null && axes.length == 0) {
      ctx.addGradient(0, g);
      return;
    }
    String x = ctx.input(0);
    TensorShape shape = ctx.shape(x);
    if (axes == null) {
      axes = new long[shape.rank()];
      for (int i = 0; i < axes.length; i++) {
        axes[i] = i;
      }
    }
    String y = ctx.output(0);
    if (ctx.attrInt("keepdims", 1) == 0) {
      y = b.unsqueeze(y, axes);
      g = b.unsqueeze(g, axes);
    }
    String atMax = b.node("Cast").inputs(b.op("Equal", x, y)).attr("to", (long) DataType.FLOAT.code()).output();
    String count = b.reduceSum(atMax, axes, true);
    ctx.addGradient(0, b.mul(atMax, b.div(g, count)));
  }
}
