package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Element-wise Max and Min (variadic, broadcasting): the gradient goes to the inputs that equal
 * the output; where several do, it is shared evenly among them (as PyTorch does for two inputs),
 * so the total stays that of the output.
 */
public final class ElementwiseExtremumRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return true;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String y = ctx.output(0);
    long toFloat = DataType.FLOAT.code();
    String[] chosen = new String[ctx.inputCount()];
    for (int i = 0; i < chosen.length; i++) {
      chosen[i] = b.node("Cast").inputs(b.op("Equal", ctx.input(i), y)).attr("to", toFloat).output();
    }
    // Broadcast to the output's shape before counting, so that every position has its own count.
    String count = chosen.length == 1 ? chosen[0] : b.node("Sum").inputs(chosen).output();
    String share = b.div(ctx.gradOutput(0), count);
    var outShape = ctx.shape(y);
    for (int i = 0; i < chosen.length; i++) {
      if (ctx.needsGradient(i)) {
        ctx.addGradient(i, ctx.unbroadcast(b.mul(share, chosen[i]), outShape, ctx.input(i)));
      }
    }
  }
}
