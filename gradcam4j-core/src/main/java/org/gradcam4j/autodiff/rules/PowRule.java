package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Pow with an exponent that does not depend on the differentiated tensors (a constant, usually):
 * {@code g * p * x^(p - 1)}, summed to the base's shape where it was broadcast.
 */
public final class PowRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    // The exponent counts as differentiable so that one on the path is reported, not ignored.
    return index <= 1;
  }

  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.needsGradient(1)) {
      throw ctx.unsupported("its exponent depends on the differentiated tensor; only constant exponents are"
          + " supported");
    }
    GraphBuilder b = ctx.emit();
    // The exponent may be an integer tensor.
    String p = b.node("Cast").inputs(ctx.input(1)).attr("to", (long) DataType.FLOAT.code()).output();
    String slope = b.mul(p, b.op("Pow", ctx.input(0), b.sub(p, b.constScalar(1f))));
    String grad = b.mul(ctx.gradOutput(0), slope);
    ctx.addGradient(0, ctx.unbroadcast(grad, ctx.shape(ctx.output(0)), ctx.input(0)));
  }
}
