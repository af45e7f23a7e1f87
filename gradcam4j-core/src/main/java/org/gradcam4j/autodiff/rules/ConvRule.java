package org.gradcam4j.autodiff.rules;

import java.util.Arrays;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Conv (any group count, strides, dilations, pads, auto_pad).
 *
 * <p>Input gradient: the adjoint of a convolution is the transposed convolution with the same
 * weights, and ONNX's ConvTranspose reads Conv's weight layout directly. ONNX Runtime's CPU kernel
 * for ConvTranspose is slow, though (a plain matrix product per group, outside the blocked-layout
 * kernels that run Conv; depthwise layers suffer most). So for stride 1 the adjoint is computed as
 * an ordinary convolution with the kernel flipped in space and input and output channels exchanged
 * within each group; the weight rearrangement depends on initializers only, so ONNX Runtime folds
 * it once when the session is created. A strided depthwise convolution (MobileNet's downsampling
 * layers) becomes a stride-1 one once the output gradient is spread out with zeros, which costs far
 * less than ONNX Runtime's group-by-group ConvTranspose. Other strided convolutions keep
 * ConvTranspose, whose few large groups it handles well.
 *
 * <p>Weight gradient (for training): a convolution of the input by the output gradient with
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
      boolean strided = Arrays.stream(geo.strides).anyMatch(s -> s > 1);
      boolean depthwise = group > 1 && ws.dim(1) == 1;
      String dx;
      if (!strided) {
        dx = adjointAsConvolution(ctx, g, geo, group, ws);
      } else if (depthwise) {
        dx = adjointAsConvolution(ctx, spreadOut(ctx, g, geo), geo.spreadOut(), group, ws);
      } else {
        dx = transposedConvolution(b, g, w, geo, group);
      }
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

  private static String transposedConvolution(GraphBuilder b, String g, String w, WindowGeometry geo, long group) {
    long[][] padsAndOutputPadding = geo.transposedPadsAndOutputPadding();
    return b.node("ConvTranspose").inputs(g, w)
        .attrInts("kernel_shape", geo.kernel)
        .attrInts("strides", geo.strides)
        .attrInts("dilations", geo.dilations)
        .attrInts("pads", padsAndOutputPadding[0])
        .attrInts("output_padding", padsAndOutputPadding[1])
        .attr("group", group)
        .output();
  }

  /**
   * The input gradient of a stride-1 convolution as a convolution. Along one axis the forward pass
   * reads {@code x[o + j*d - p]} for output o and kernel tap j, so {@code dx[i] = sum_j g[i + p - j*d]
   * w[j]}: a convolution of g with the flipped kernel, padded by {@code (k-1)*d - p} in front and by
   * whatever makes the result as long as the input at the end. Where a forward pad is wider than the
   * kernel's reach, that pad turns negative and crops g instead.
   */
  /**
   * The output gradient with {@code stride - 1} zeros between neighbours along each axis, so that a
   * strided convolution's adjoint becomes a stride-1 one. A 1x1 ConvTranspose with unit weights does
   * exactly that; per channel it only copies, which is cheap even where ONNX Runtime runs it group by
   * group.
   */
  private static String spreadOut(BackwardContext ctx, String g, WindowGeometry geo) {
    GraphBuilder b = ctx.emit();
    long channels = ctx.shape(ctx.output(0)).dim(1);
    long[] unitKernel = WindowGeometry.ones(geo.spatial);
    long[] weightDims = new long[geo.spatial + 2];
    Arrays.fill(weightDims, 1);
    weightDims[0] = channels;
    float[] ones = new float[Math.toIntExact(channels)];
    Arrays.fill(ones, 1f);
    return b.node("ConvTranspose").inputs(g, b.constFloats(weightDims, ones))
        .attrInts("kernel_shape", unitKernel)
        .attrInts("strides", geo.strides)
        .attr("group", channels)
        .output();
  }

  private static String adjointAsConvolution(BackwardContext ctx, String g, WindowGeometry geo, long group, TensorShape ws) {
    GraphBuilder b = ctx.emit();
    int rank = geo.spatial + 2;
    long[] convPads = new long[2 * geo.spatial];
    long[] crop = new long[2 * rank];
    boolean cropping = false;
    for (int i = 0; i < geo.spatial; i++) {
      long reach = (geo.kernel[i] - 1) * geo.dilations[i];
      long front = reach - geo.padBegin[i];
      long back = geo.in[i] - geo.out[i] - front + reach;
      convPads[i] = Math.max(0, front);
      convPads[geo.spatial + i] = Math.max(0, back);
      crop[i + 2] = Math.min(0, front);
      crop[rank + i + 2] = Math.min(0, back);
      cropping |= front < 0 || back < 0;
    }
    if (cropping) {
      g = b.op("Pad", g, b.constInts(crop)); // negative pads remove elements
    }
    return b.node("Conv").inputs(g, adjointWeights(b, ctx.input(1), group, ws))
        .attrInts("dilations", geo.dilations)
        .attrInts("pads", convPads)
        .attr("group", group)
        .output();
  }

  /**
   * {@code [C_out, C_in/G, k...]} -> {@code [C_in, C_out/G, k...]}: channels exchanged within each
   * group G, kernel flipped along every spatial axis.
   */
  private static String adjointWeights(GraphBuilder b, String w, long group, TensorShape ws) {
    int spatial = ws.rank() - 2;
    long outPerGroup = ws.dim(0) / group;
    long inPerGroup = ws.dim(1);
    String exchanged = w;
    if (outPerGroup > 1 || inPerGroup > 1) {
      long[] grouped = new long[ws.rank() + 1];
      grouped[0] = group;
      grouped[1] = outPerGroup;
      grouped[2] = inPerGroup;
      long[] perm = new long[grouped.length];
      long[] merged = new long[ws.rank()];
      merged[0] = group * inPerGroup;
      merged[1] = outPerGroup;
      for (int i = 0; i < grouped.length; i++) {
        perm[i] = i;
      }
      perm[1] = 2;
      perm[2] = 1;
      for (int i = 0; i < spatial; i++) {
        grouped[i + 3] = ws.dim(i + 2);
        merged[i + 2] = ws.dim(i + 2);
      }
      exchanged = b.reshape(b.transpose(b.reshape(w, b.constInts(grouped)), perm), b.constInts(merged));
    }
    long[] starts = new long[spatial];
    long[] ends = new long[spatial];
    long[] axes = new long[spatial];
    long[] steps = new long[spatial];
    for (int i = 0; i < spatial; i++) {
      starts[i] = -1;
      ends[i] = Long.MIN_VALUE;
      axes[i] = i + 2;
      steps[i] = -1;
    }
    return b.op("Slice", exchanged, b.constInts(starts), b.constInts(ends), b.constInts(axes), b.constInts(steps));
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
