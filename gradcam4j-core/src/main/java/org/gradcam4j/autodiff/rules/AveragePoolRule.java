package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.Tensors;

/**
 * AveragePool (pads, strides, dilations, ceil_mode, both count_include_pad settings). Each output
 * gradient is divided by the divisor its window's sum was divided by, then spread over the window
 * by a depthwise ConvTranspose with a kernel of ones.
 *
 * <p>Without count_include_pad the divisor is the number of window elements inside the input. With
 * it, the divisor of windows that reach into the padding is not the same in every ONNX Runtime
 * kernel: up to opset 18 it is the whole window, even where ceil_mode lets the window hang past the
 * end padding; from opset 19 on the window is cut at the padded edge, and ONNX Runtime 1.23 cuts the
 * first spatial axes at the wrong pads entry. Rather than copy one of these conventions, the rule
 * reads the divisor off the node itself: averaging a tensor of ones gives, per window, the number
 * of elements inside the input over the divisor. That subgraph is constant, so the runtime
 * evaluates it once, when the session is created.
 */
public final class AveragePoolRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape xs = ctx.shape(x);
    long channels = xs.dim(1);
    if (channels == TensorShape.BATCH) {
      throw ctx.unsupported("its channel count depends on the batch size");
    }
    long[] kernel = ctx.attrInts("kernel_shape", null);
    WindowGeometry geo = WindowGeometry.of(ctx, kernel);
    boolean includePad = ctx.attrInt("count_include_pad", 0) != 0;

    float[] inside = insideCounts(geo);
    String g = ctx.gradOutput(0);
    if (includePad) {
      g = b.mul(g, measuredInverseDivisors(ctx, geo, inside));
    } else if (isUniform(inside)) {
      g = b.mul(g, b.constScalar(1f / inside[0]));
    } else {
      g = b.mul(g, perWindow(b, geo, inverse(inside)));
    }

    long[] weightDims = new long[geo.spatial + 2];
    weightDims[0] = channels;
    weightDims[1] = 1;
    long kernelSize = 1;
    for (int i = 0; i < geo.spatial; i++) {
      weightDims[i + 2] = kernel[i];
      kernelSize *= kernel[i];
    }
    float[] ones = new float[Math.toIntExact(channels * kernelSize)];
    java.util.Arrays.fill(ones, 1f);
    long[][] padsAndOutputPadding = geo.transposedPadsAndOutputPadding();
    String dx = b.node("ConvTranspose").inputs(g, b.constFloats(weightDims, ones))
        .attrInts("kernel_shape", kernel)
        .attrInts("strides", geo.strides)
        .attrInts("dilations", geo.dilations)
        .attrInts("pads", padsAndOutputPadding[0])
        .attrInts("output_padding", padsAndOutputPadding[1])
        .attr("group", channels)
        .output();
    ctx.addGradient(0, dx);
  }

  /**
   * 1 / divisor per window, [1, 1, out...]: the node applied to ones ({@code inside / divisor}),
   * divided by {@code inside}. Windows with no element inside the input output a constant 0 and
   * get 0.
   */
  private static String measuredInverseDivisors(BackwardContext ctx, WindowGeometry geo, float[] inside) {
    GraphBuilder b = ctx.emit();
    long[] onesDims = new long[geo.spatial + 2];
    onesDims[0] = 1;
    onesDims[1] = 1;
    System.arraycopy(geo.in, 0, onesDims, 2, geo.spatial);
    String ones = b.node("ConstantOfShape").inputs(b.constInts(onesDims))
        .attr("value", Tensors.floats("", new long[] {1}, new float[] {1f})).output();
    String averaged = b.node("AveragePool").inputs(ones).attrsFrom(ctx.node()).output();
    return b.mul(averaged, perWindow(b, geo, inverse(inside)));
  }

  /** A [1, 1, out...] constant holding one value per window. */
  private static String perWindow(GraphBuilder b, WindowGeometry geo, float[] values) {
    long[] dims = new long[geo.spatial + 2];
    dims[0] = 1;
    dims[1] = 1;
    System.arraycopy(geo.out, 0, dims, 2, geo.spatial);
    return b.constFloats(dims, values);
  }

  /**
   * Number of window elements inside the (unpadded) input for every output position, counted per
   * axis and multiplied; at least 1, so that it can be inverted.
   */
  static float[] insideCounts(WindowGeometry geo) {
    long[][] perAxis = new long[geo.spatial][];
    for (int a = 0; a < geo.spatial; a++) {
      perAxis[a] = new long[(int) geo.out[a]];
      for (int o = 0; o < geo.out[a]; o++) {
        long start = o * geo.strides[a] - geo.padBegin[a];
        long count = 0;
        for (int j = 0; j < geo.kernel[a]; j++) {
          long pos = start + j * geo.dilations[a];
          if (pos >= 0 && pos < geo.in[a]) {
            count++;
          }
        }
        perAxis[a][o] = Math.max(count, 1);
      }
    }
    int total = 1;
    for (long[] c : perAxis) {
      total *= c.length;
    }
    float[] counts = new float[total];
    for (int i = 0; i < total; i++) {
      long product = 1;
      int rest = i;
      for (int a = geo.spatial - 1; a >= 0; a--) {
        product *= perAxis[a][rest % perAxis[a].length];
        rest /= perAxis[a].length;
      }
      counts[i] = product;
    }
    return counts;
  }

  private static float[] inverse(float[] counts) {
    float[] inverse = new float[counts.length];
    for (int i = 0; i < counts.length; i++) {
      inverse[i] = 1f / counts[i];
    }
    return inverse;
  }

  private static boolean isUniform(float[] counts) {
    for (float c : counts) {
      if (c != counts[0]) {
        return false;
      }
    }
    return true;
  }
}
