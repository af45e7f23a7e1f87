package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * BatchNormalization in inference mode, {@code y = (x - mean) / sqrt(var + eps) * scale + bias}:
 * per channel, {@code dx = g * scale / sqrt(var + eps)}; also the gradients of scale and bias.
 */
public final class BatchNormalizationRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.attrInt("training_mode", 0) != 0) {
      throw ctx.unsupported("it is in training mode; export the model for inference");
    }
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape shape = ctx.shape(x);
    long channels = ctx.shape(ctx.input(1)).dim(0);
    long[] perChannel = new long[shape.rank() - 1];
    java.util.Arrays.fill(perChannel, 1);
    perChannel[0] = channels;
    String toBroadcast = b.constInts(perChannel);
    String g = ctx.gradOutput(0);
    String invStd = b.op("Reciprocal",
        b.op("Sqrt", b.add(ctx.input(4), b.constScalar(ctx.attrFloat("epsilon", 1e-5f)))));
    if (ctx.needsGradient(0)) {
      String factor = b.reshape(b.mul(ctx.input(1), invStd), toBroadcast);
      ctx.addGradient(0, b.mul(g, factor));
    }
    long[] nonChannelAxes = new long[shape.rank() - 1];
    nonChannelAxes[0] = 0;
    for (int i = 2; i < shape.rank(); i++) {
      nonChannelAxes[i - 1] = i;
    }
    if (ctx.needsGradient(1)) {
      String normalised = b.mul(b.sub(x, b.reshape(ctx.input(3), toBroadcast)), b.reshape(invStd, toBroadcast));
      ctx.addGradient(1, b.reduceSum(b.mul(g, normalised), nonChannelAxes, false));
    }
    if (ctx.needsGradient(2)) {
      ctx.addGradient(2, b.reduceSum(g, nonChannelAxes, false));
    }
  }
}
