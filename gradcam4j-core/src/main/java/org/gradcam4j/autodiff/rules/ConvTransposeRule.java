package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * ConvTranspose with explicit pads. The adjoint of a transposed convolution is the convolution:
 * the input gradient is a Conv of the output gradient with the same weights (ConvTranspose's
 * [C_in, C_out/group, k...] layout is what Conv reads as [M, C/group, k...]), strides, dilations,
 * begin pads and group; output_padding is taken off the end pads, and rows a stride leaves over are
 * cut off. The bias gradient is the output gradient summed over batch and space; weight gradients
 * are not supported.
 */
public final class ConvTransposeRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    // The weights count as differentiable so that weights on the path are reported, not ignored.
    return index <= 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.needsGradient(1)) {
      throw ctx.unsupported("its weights depend on the differentiated tensor; weight gradients are not supported");
    }
    if (!ctx.attrString("auto_pad", "NOTSET").equals("NOTSET") || ctx.attrInts("output_shape", null) != null) {
      throw ctx.unsupported("only explicit pads are supported (no auto_pad, no output_shape)");
    }
    GraphBuilder b = ctx.emit();
    TensorShape in = ctx.shape(ctx.input(0));
    TensorShape out = ctx.shape(ctx.output(0));
    TensorShape w = ctx.shape(ctx.input(1));
    int spatial = in.rank() - 2;
    long[] strides = ctx.attrInts("strides", WindowGeometry.ones(spatial));
    long[] dilations = ctx.attrInts("dilations", WindowGeometry.ones(spatial));
    long[] pads = ctx.attrInts("pads", new long[2 * spatial]);
    long[] outputPadding = ctx.attrInts("output_padding", new long[spatial]);
    String g = ctx.gradOutput(0);

    if (ctx.needsGradient(0)) {
      long[] convPads = pads.clone();
      long[] produced = new long[spatial];
      boolean crop = false;
      for (int k = 0; k < spatial; k++) {
        if (in.dim(k + 2) == TensorShape.BATCH || out.dim(k + 2) == TensorShape.BATCH) {
          throw ctx.unsupported("its spatial size depends on the batch size");
        }
        convPads[spatial + k] = Math.max(0, pads[spatial + k] - outputPadding[k]);
        long effective = (w.dim(k + 2) - 1) * dilations[k] + 1;
        produced[k] = (out.dim(k + 2) + pads[k] + convPads[spatial + k] - effective) / strides[k] + 1;
        crop |= produced[k] != in.dim(k + 2);
      }
      String dx = b.node("Conv").inputs(g, ctx.input(1))
          .attrInts("strides", strides)
          .attrInts("dilations", dilations)
          .attrInts("pads", convPads)
          .attr("group", ctx.attrInt("group", 1))
          .output();
      if (crop) {
        long[] starts = new long[spatial];
        long[] ends = new long[spatial];
        long[] axes = new long[spatial];
        for (int k = 0; k < spatial; k++) {
          ends[k] = in.dim(k + 2);
          axes[k] = k + 2;
        }
        dx = b.op("Slice", dx, b.constInts(starts), b.constInts(ends), b.constInts(axes));
      }
      ctx.addGradient(0, dx);
    }
    if (ctx.needsGradient(2)) {
      long[] axes = new long[spatial + 1];
      for (int k = 1; k <= spatial; k++) {
        axes[k] = k + 1;
      }
      ctx.addGradient(2, b.reduceSum(g, axes, false));
    }
  }
}
