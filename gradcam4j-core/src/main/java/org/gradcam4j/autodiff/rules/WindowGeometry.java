package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.TensorShape;

/**
 * The sliding-window geometry of a Conv or pooling node, per spatial axis, with {@code auto_pad}
 * resolved to explicit pads from the known input and output sizes.
 */
final class WindowGeometry {
  final int spatial;
  final long[] in;
  final long[] out;
  final long[] kernel;
  final long[] strides;
  final long[] dilations;
  final long[] padBegin;
  final long[] padEnd;

  private WindowGeometry(int spatial, long[] in, long[] out, long[] kernel, long[] strides, long[] dilations,
      long[] padBegin, long[] padEnd) {
    this.spatial = spatial;
    this.in = in;
    this.out = out;
    this.kernel = kernel;
    this.strides = strides;
    this.dilations = dilations;
    this.padBegin = padBegin;
    this.padEnd = padEnd;
  }

  /** Geometry of the current node; {@code kernel} is the spatial kernel size. */
  static WindowGeometry of(BackwardContext ctx, long[] kernel) {
    TensorShape x = ctx.shape(ctx.input(0));
    TensorShape y = ctx.shape(ctx.output(0));
    int n = x.rank() - 2;
    long[] in = new long[n];
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      in[i] = x.dim(i + 2);
      out[i] = y.dim(i + 2);
      if (in[i] == TensorShape.BATCH || out[i] == TensorShape.BATCH) {
        throw ctx.unsupported("its spatial size depends on the batch size");
      }
    }
    long[] strides = ctx.attrInts("strides", ones(n));
    long[] dilations = ctx.attrInts("dilations", ones(n));
    long[] begin = new long[n];
    long[] end = new long[n];
    String autoPad = ctx.attrString("auto_pad", "NOTSET");
    switch (autoPad) {
      case "NOTSET" -> {
        long[] pads = ctx.attrInts("pads", new long[2 * n]);
        System.arraycopy(pads, 0, begin, 0, n);
        System.arraycopy(pads, n, end, 0, n);
      }
      case "VALID" -> {
        // no padding
      }
      case "SAME_UPPER", "SAME_LOWER" -> {
        for (int i = 0; i < n; i++) {
          long total = Math.max(0, (out[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in[i]);
          long small = total / 2;
          begin[i] = autoPad.equals("SAME_UPPER") ? small : total - small;
          end[i] = total - begin[i];
        }
      }
      default -> throw ctx.unsupported("unknown auto_pad '" + autoPad + "'");
    }
    return new WindowGeometry(n, in, out, kernel, strides, dilations, begin, end);
  }

  /**
   * The same window with stride 1 over the output gradient spread out by the strides (zeros between
   * its elements): {@code (out - 1) * stride + 1} positions per axis.
   */
  WindowGeometry spreadOut() {
    long[] spreadOut = new long[spatial];
    long[] unit = ones(spatial);
    for (int i = 0; i < spatial; i++) {
      spreadOut[i] = (out[i] - 1) * strides[i] + 1;
    }
    return new WindowGeometry(spatial, in, spreadOut, kernel, unit, dilations, padBegin, padEnd);
  }

  /** Pads in ONNX order: all begins, then all ends. */
  long[] pads() {
    long[] p = new long[2 * spatial];
    System.arraycopy(padBegin, 0, p, 0, spatial);
    System.arraycopy(padEnd, 0, p, spatial, spatial);
    return p;
  }

  /** Extent covered by one window: {@code (k - 1) * d + 1}. */
  long effectiveKernel(int axis) {
    return (kernel[axis] - 1) * dilations[axis] + 1;
  }

  /**
   * The transposed convolution that maps an output-sized gradient back onto the input: its pads and
   * output padding, chosen so the result has exactly the input's size. Input rows that no window
   * reached (when the stride does not divide evenly) get an output padding; windows that overhang
   * the padded input (ceil_mode) are cropped by extra end padding.
   */
  long[][] transposedPadsAndOutputPadding() {
    long[] pads = pads();
    long[] outputPadding = new long[spatial];
    for (int i = 0; i < spatial; i++) {
      long produced = (out[i] - 1) * strides[i] + effectiveKernel(i) - padBegin[i] - padEnd[i];
      long missing = in[i] - produced;
      if (missing >= 0) {
        outputPadding[i] = missing;
      } else {
        pads[spatial + i] += -missing;
      }
    }
    return new long[][] {pads, outputPadding};
  }

  static long[] ones(int n) {
    long[] a = new long[n];
    java.util.Arrays.fill(a, 1);
    return a;
  }
}
