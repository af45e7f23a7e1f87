package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.Tensors;

/**
 * Slice with constant axes and steps. The gradient is placed back where the slice came from by
 * padding; for steps above 1 the gradient is first spread out by interleaving {@code step - 1}
 * zeros after each element along that axis. A negative step (a flip, such as x[:, ::-1]) selects
 * the same elements as the positive one from the lowest selected index, in reverse order: the
 * gradient is reversed along that axis first.
 *
 * <p>Starts and ends may be computed at run time (exporters derive them from shapes, as in the
 * query/key/value split of an attention layer): the lowest selected index is then found by
 * slicing the index range {@code 0..dim-1} of that axis the same way, which reproduces every
 * clamping rule of Slice, and the padding is assembled at run time.
 */
public final class SliceRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape in = ctx.shape(x);
    TensorShape out = ctx.shape(ctx.output(0));
    int rank = in.rank();
    long[] starts = ctx.constant(ctx.input(1)).map(Tensors::toLongs).orElse(null);
    long[] ends = ctx.constant(ctx.input(2)).map(Tensors::toLongs).orElse(null);
    boolean runtimeBounds = starts == null || ends == null;
    int count0 = starts != null ? starts.length : (int) ctx.shape(ctx.input(1)).dim(0);
    long[] axes = ctx.hasInput(3) ? ctx.constantInts(3, "axes") : range(count0);
    long[] steps = ctx.hasInput(4) ? ctx.constantInts(4, "steps") : ones(count0);
    // Pad amounts as constants, or, with run-time bounds, as 1-element tensors where they vary.
    String[] runtimePads = new String[2 * rank];

    String g = ctx.gradOutput(0);
    long[] pads = new long[2 * rank];
    // The shape of g as it is rebuilt; the padding of all axes is applied at the end, in one Pad.
    long[] current = out.dims();
    for (int i = 0; i < axes.length; i++) {
      int axis = (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
      long step = steps[i];
      if (step == 0) {
        throw ctx.unsupported("a slice step is 0");
      }
      long dim = in.dim(axis);
      long count = out.dim(axis);
      if (runtimeBounds) {
        if (dim == TensorShape.BATCH) {
          throw ctx.unsupported("it slices the batch axis with bounds computed at run time");
        }
        if (count == dim && step == 1) {
          continue; // the whole axis
        }
        if (count == 0) {
          throw ctx.unsupported("it selects nothing along axis " + axis);
        }
        if (step < 0) {
          g = b.op("Slice", g, b.constInts(-1), b.constInts(Long.MIN_VALUE), b.constInts(axis), b.constInts(-1));
          step = -step;
        }
        if (step > 1) {
          g = interleaveZeros(ctx, g, current, axis, count, step);
          current[axis] = count * step;
        }
        String lowest = lowestSelected(ctx, i, dim, steps[i], count);
        runtimePads[axis] = lowest;
        runtimePads[axis + rank] = b.sub(b.constInts(dim - current[axis]), lowest);
        continue;
      }
      if (dim == TensorShape.BATCH) {
        if (starts[i] == 0 && ends[i] >= Integer.MAX_VALUE && step == 1) {
          continue; // the whole batch axis: nothing to undo
        }
        throw ctx.unsupported("it slices the batch axis");
      }
      long first = starts[i] < 0 ? starts[i] + dim : starts[i];
      long start = clamp(first, 0, dim);
      if (step < 0) {
        if (count > 0) {
          start = clamp(first, 0, dim - 1) + (count - 1) * step; // the lowest selected index
          g = b.op("Slice", g, b.constInts(-1), b.constInts(Long.MIN_VALUE), b.constInts(axis), b.constInts(-1));
        }
        step = -step;
      }
      if (step > 1 && count > 0) {
        g = interleaveZeros(ctx, g, current, axis, count, step);
        current[axis] = count * step;
      }
      pads[axis] = start;
      // Negative where the interleaved zeros run past the end of the input: Pad then crops.
      pads[axis + rank] = dim - start - current[axis];
    }
    ctx.addGradient(0, b.op("Pad", g, runtimeBounds ? padTensor(b, pads, runtimePads) : b.constInts(pads)));
  }

  /**
   * The lowest index that slice {@code i} of the node selects along an axis of size {@code dim}, as
   * a 1-element int64 tensor: the index range sliced with the node's own (run-time) bounds.
   */
  private static String lowestSelected(BackwardContext ctx, int i, long dim, long step, long count) {
    GraphBuilder b = ctx.emit();
    long[] range = new long[(int) dim];
    for (int k = 0; k < dim; k++) {
      range[k] = k;
    }
    String start = b.op("Slice", ctx.input(1), b.constInts(i), b.constInts(i + 1));
    String end = b.op("Slice", ctx.input(2), b.constInts(i), b.constInts(i + 1));
    String selected = b.op("Slice", b.constInts(range), start, end, b.constInts(0), b.constInts(step));
    long position = step > 0 ? 0 : count - 1;
    return b.op("Slice", selected, b.constInts(position), b.constInts(position + 1));
  }

  /** The pads input of Pad: constants where known, run-time values where the bounds were not. */
  private static String padTensor(GraphBuilder b, long[] pads, String[] runtimePads) {
    String[] parts = new String[pads.length];
    for (int k = 0; k < pads.length; k++) {
      parts[k] = runtimePads[k] != null ? runtimePads[k] : b.constInts(pads[k]);
    }
    return b.node("Concat").inputs(parts).attr("axis", 0L).output();
  }

  /** [.., count, ..] -> [.., count * step, ..] with the values at multiples of {@code step}. */
  private static String interleaveZeros(BackwardContext ctx, String g, long[] shape, int axis, long count,
      long step) {
    GraphBuilder b = ctx.emit();
    int rank = shape.length;
    String expanded = b.unsqueeze(g, axis + 1);
    long[] pads = new long[2 * (rank + 1)];
    pads[(rank + 1) + axis + 1] = step - 1;
    String padded = b.op("Pad", expanded, b.constInts(pads));
    long[] target = new long[rank];
    for (int k = 0; k < rank; k++) {
      if (shape[k] == TensorShape.BATCH) {
        if (k > axis) {
          throw ctx.unsupported("a batch-dependent axis follows the strided axis");
        }
        target[k] = 0; // copied from the input by Reshape
      } else {
        target[k] = shape[k];
      }
    }
    target[axis] = count * step;
    return b.reshape(padded, b.constInts(target));
  }

  private static long clamp(long v, long lo, long hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  private static long[] range(int n) {
    long[] r = new long[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static long[] ones(int n) {
    long[] r = new long[n];
    java.util.Arrays.fill(r, 1);
    return r;
  }
}
