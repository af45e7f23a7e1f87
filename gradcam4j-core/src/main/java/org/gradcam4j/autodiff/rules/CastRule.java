package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.DataType;

/** Cast between floating-point types: the gradient is cast back to float32. */
public final class CastRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    ctx.addGradient(0, ctx.emit().node("Cast").inputs(ctx.gradOutput(0)).attr("to", (long) DataType.FLOAT.code()).output());
  }
}
