package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * GlobalMaxPool: the whole gradient goes to the (first) position of the maximum of each channel,
 * found with ArgMax, as PyTorch's adaptive max pooling does.
 */
public final class GlobalMaxPoolRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape s = ctx.shape(x);
    long channels = s.dim(1);
    if (channels == TensorShape.BATCH) {
      throw ctx.unsupported("its channel count depends on the batch size");
    }
    String flat = b.reshape(x, b.constInts(0, channels, -1));
    String argmax = b.node("ArgMax").inputs(flat).attr("axis", 2L).attr("keepdims", 1L).output();
    String g = b.reshape(ctx.gradOutput(0), b.constInts(0, channels, 1));
    String zeros = b.zerosLike(flat);
    String scattered = b.node("ScatterElements").inputs(zeros, argmax, g).attr("axis", 2L).output();
    ctx.addGradient(0, b.reshape(scattered, ctx.shapeTensor(x)));
  }
}
