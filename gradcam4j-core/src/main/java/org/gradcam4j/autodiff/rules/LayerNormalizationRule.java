package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * LayerNormalization (opset 17; vision transformers normalise every token over its channels),
 * {@code y = xhat * scale + bias} with {@code xhat = (x - mean) * r}, {@code r = 1 / sqrt(var + eps)}
 * over the axes from {@code axis} to the last. With {@code h = g * scale}:
 * {@code dx = r * (h - mean(h) - xhat * mean(h * xhat))}; {@code dscale} and {@code dbias} sum
 * {@code g * xhat} and {@code g} over the leading axes. Mean and deviation are recomputed here, since
 * exporters rarely keep the optional outputs that hold them.
 */
public final class LayerNormalizationRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.gradOutput(1) != null || ctx.gradOutput(2) != null) {
      throw ctx.unsupported("the score depends on its mean or inverse deviation output");
    }
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape shape = ctx.shape(x);
    int rank = shape.rank();
    long axis = ctx.attrInt("axis", -1);
    int first = (int) (axis < 0 ? axis + rank : axis);
    long[] normalised = new long[rank - first];
    for (int k = first; k < rank; k++) {
      normalised[k - first] = k;
    }
    String g = ctx.gradOutputOrZeros(0);
    String centred = b.sub(x, b.reduceMean(x, normalised, true));
    String variance = b.reduceMean(b.mul(centred, centred), normalised, true);
    String r = b.op("Reciprocal", b.op("Sqrt", b.add(variance, b.constScalar(ctx.attrFloat("epsilon", 1e-5f)))));
    String xhat = b.mul(centred, r);
    TensorShape yShape = ctx.shape(ctx.output(0));
    if (ctx.needsGradient(0)) {
      String h = b.mul(g, ctx.input(1));
      String meanH = b.reduceMean(h, normalised, true);
      String meanHx = b.reduceMean(b.mul(h, xhat), normalised, true);
      ctx.addGradient(0, b.mul(r, b.sub(b.sub(h, meanH), b.mul(xhat, meanHx))));
    }
    if (ctx.needsGradient(1)) {
      ctx.addGradient(1, ctx.unbroadcast(b.mul(g, xhat), yShape, ctx.input(1)));
    }
    if (ctx.needsGradient(2)) {
      ctx.addGradient(2, ctx.unbroadcast(g, yShape, ctx.input(2)));
    }
  }
}
