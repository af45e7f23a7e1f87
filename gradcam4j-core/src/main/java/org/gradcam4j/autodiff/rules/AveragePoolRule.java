package org.gradcam4j.autodiff.rules;

import org.gradcam4j.autodiff.BackwardContext;
import org.gradcam4j.autodiff.BackwardRule;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * AveragePool (pads, strides, dilations, ceil_mode, both count_include_pad settings). Each output
 * gradient is divided by the number of elements its window averaged, then spread over the window
 * by a depthwise ConvTranspose with a kernel of ones.
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

    float[] counts = windowCounts(geo, includePad);
    String g = ctx.gradOutput(0);
    if (isUniform(counts)) {
      g = b.mul(g, b.constScalar(1f / counts[0]));
    } else {
      float[] inverse = new float[counts.length];
      for (int i = 0; i < counts.length; i++) {
        inverse[i] = 1f / counts[i];
      }
      long[] dims = new long[geo.spatial + 2];
      dims[0] = 1;
      dims[1] = 1;
      System.arraycopy(geo.out, 0, dims, 2, geo.spatial);
      g = b.mul(g, b.constFloats(dims, inverse));
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
   * Divisor of every output position: the window elements inside the input (or, with
   * count_include_pad, inside the padded input), counted per axis and multiplied.
   */
  static float[] windowCounts(WindowGeometry geo, boolean includePad) {
    long[][] perAxis = new long[geo.spatial][];
    for (int a = 0; a < geo.spatial; a++) {
      long lo = includePad ? -geo.padBegin[a] : 0;
      long hi = includePad ? geo.in[a] + geo.padEnd[a] : geo.in[a];
      perAxis[a] = new long[(int) geo.out[a]];
      for (int o = 0; o < geo.out[a]; o++) {
        long start = o * geo.strides[a] - geo.padBegin[a];
        long count = 0;
        for (int j = 0; j < geo.kernel[a]; j++) {
          long pos = start + j * geo.dilations[a];
          if (pos >= lo && pos < hi) {
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

  private static boolean isUniform(float[] counts) {
    for (float c : counts) {
      if (c != counts[0]) {
        return false;
      }
    }
    return true;
  }
}
