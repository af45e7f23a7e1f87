package org.gradcam4j.autodiff.rules;

import org.gradcam4j.autodiff.BackwardContext;
import org.gradcam4j.autodiff.BackwardRule;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Conv (any group count, strides, dilations, pads, auto_pad).
 *
 * <p>Input gradient: the adjoint of a convolution is the transposed convolution with the same
 * weights; ONNX's ConvTranspose reads Conv's {@code [C_out, C_in/group, k...]} weight layout
 * directly as its own {@code [C_in', C_out'/group, k...]}, so the weight tensor is shared, not
 * copied. Weight gradient (for training): a convolution of the input by the output gradient with
 * batch and channel axes swapped, supported for group 1 and for one input channel per group
 * (depthwise). Bias gradient: the output gradient summed over batch and space.
 */
public final class ConvRule implements BackwardRule {
  @Override
  public boolean isDifferentiable(NodeProto node, int index) {
    return index <= 2;
  }

  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String w = ctx.input(1);
    String g = ctx.gradOutput(0);
    TensorShape ws = ctx.shape(w);
    long[] kernel = new long[ws.rank() - 2];
    for (int i = 0; i < kernel.length; i++) {
      kernel[i] = ws.dim(i + 2);
    }
    WindowGeometry geo = WindowGeometry.of(ctx, kernel);
    long group = ctx.attrInt("group", 1);

    if (ctx.needsGradient(0)) {
      long[][] padsAndOutputPadding = geo.transposedPadsAndOutputPadding();
      String dx = b.node("ConvTranspose").inputs(g, w)
          .attrInts("kernel_shape", kernel)
          .attrInts("strides", geo.strides)
          .attrInts("dilations", geo.dilations)
          .attrInts("pads", padsAndOutputPadding[0])
          .attrInts("output_padding", padsAndOutputPadding[1])
          .attr("group", group)
          .output();
      ctx.addGradient(0, dx);
    }
    if (ctx.needsGradient(1)) {
      ctx.addGradient(1, weightGradient(ctx, geo, group, ws));
    }
    if (ctx.needsGradient(2)) {
      long[] axes = new long[geo.spatial + 1];
      for (int i = 1; i < axes.length; i++) {
        axes[i] = i + 1;
      }
      ctx.addGradient(2, b.reduceSum(g, axes, false));
    }
  }

  private static String weightGradient(BackwardContext ctx, WindowGeometry geo, long group, TensorShape ws) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    String g = ctx.gradOutput(0);
    TensorShape xs = ctx.shape(x);
    long inChannels = xs.dim(1);
    int rank = xs.rank();
    long[] swap = new long[rank];
    for (int i = 0; i < rank; i++) {
      swap[i] = i;
    }
    swap[0] = 1;
    swap[1] = 0;
    // g with batch and channel swapped acts as the weights: [C_out, N, out...].
    String gAsWeights = b.transpose(g, swap);
    String xSwapped = b.transpose(x, swap); // [C_in, N, in...]
    String correlation;
    if (group == 1) {
      // [C_in (as batch), N (as channels), in...] * [C_out, N, out...] -> [C_in, C_out, k'...]
      correlation = convolve(b, xSwapped, gAsWeights, geo, 1);
      correlation = b.transpose(correlation, swap);
    } else if (ws.dim(1) == 1 && inChannels == group) {
      // Depthwise: every output channel sees one input channel; the groups keep them apart.
      long[] merged = new long[rank];
      merged[0] = 1;
      merged[1] = -1;
      for (int i = 2; i < rank; i++) {
        merged[i] = xs.dim(i);
      }
      String xMerged = b.reshape(xSwapped, b.constInts(merged)); // [1, C_in * N, in...]
      correlation = convolve(b, xMerged, gAsWeights, geo, group); // [1, C_out, k'...]
      correlation = b.transpose(correlation, swap); // [C_out, 1, k'...]
    } else {
      throw ctx.unsupported("weight gradients are implemented for group 1 and depthwise convolutions only");
    }
    // The correlation can be larger than the kernel where the stride leaves input rows unused.
    long[] starts = new long[geo.spatial];
    long[] ends = geo.kernel.clone();
    long[] axes = new long[geo.spatial];
    for (int i = 0; i < geo.spatial; i++) {
      axes[i] = i + 2;
    }
    return b.op("Slice", correlation, b.constInts(starts), b.constInts(ends), b.constInts(axes));
  }

  /** Convolution with the roles of stride and dilation exchanged (the weight-gradient identity). */
  private static String convolve(GraphBuilder b, String input, String weights, WindowGeometry geo, long group) {
    return b.node("Conv").inputs(input, weights)
        .attrInts("strides", geo.dilations)
        .attrInts("dilations", geo.strides)
        .attrInts("pads", geo.pads())
        .attr("group", group)
        .output();
  }
}
