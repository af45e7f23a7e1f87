package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Resize (nearest, linear, cubic; the common coordinate transformation modes). Along every resized
 * axis, resizing is a fixed linear map, {@code y = M x} with an [out, in] interpolation matrix built
 * here exactly as ONNX Runtime interpolates; the gradient applies the transposed matrices. Axes
 * that are resized independently can be undone one at a time.
 */
public final class ResizeRule implements BackwardRule {
  @Override
  public void backward(BackwardContext ctx) {
    if (ctx.attrInt("antialias", 0) != 0) {
      throw ctx.unsupported("antialiased resizing is not supported");
    }
    String ctm = ctx.attrString("coordinate_transformation_mode", "half_pixel");
    String mode = ctx.attrString("mode", "nearest");
    GraphBuilder b = ctx.emit();
    String x = ctx.input(0);
    TensorShape in = ctx.shape(x);
    TensorShape out = ctx.shape(ctx.output(0));
    int rank = in.rank();
    float[] scales = scales(ctx, rank);

    String g = ctx.gradOutput(0);
    for (int axis = rank - 1; axis >= 0; axis--) {
      long n = in.dim(axis);
      long m = out.dim(axis);
      if (n == m && scales[axis] == 1f) {
        continue;
      }
      if (n == TensorShape.BATCH || m == TensorShape.BATCH) {
        throw ctx.unsupported("it resizes the batch axis");
      }
      float[] matrix = Interpolation.matrix(ctx, mode, ctm, (int) n, (int) m, scales[axis]);
      g = AlongAxis.contract(b, g, matrix, (int) m, (int) n, axis, rank);
    }
    ctx.addGradient(0, g);
  }

  /** Scale per axis: from the scales input, or output size / input size when sizes are given. */
  private static float[] scales(BackwardContext ctx, int rank) {
    TensorShape in = ctx.shape(ctx.input(0));
    TensorShape out = ctx.shape(ctx.output(0));
    long[] axes = ctx.attrInts("axes", null);
    float[] given = null;
    if (ctx.hasInput(2)) {
      float[] s = ctx.constantFloats(2, "scales");
      if (s.length > 0) {
        given = s;
      }
    }
    if (given == null && !ctx.attrString("keep_aspect_ratio_policy", "stretch").equals("stretch")) {
      throw ctx.unsupported("keep_aspect_ratio_policy other than 'stretch' is not supported");
    }
    float[] scales = new float[rank];
    for (int a = 0; a < rank; a++) {
      scales[a] = in.dim(a) == out.dim(a) ? 1f : (float) out.dim(a) / in.dim(a);
    }
    if (given != null) {
      for (int i = 0; i < given.length; i++) {
        int a = axes == null ? i : (int) (axes[i] < 0 ? axes[i] + rank : axes[i]);
        scales[a] = given[i];
      }
    }
    return scales;
  }

  /** Interpolation matrices following ONNX Runtime's Resize kernels. */
  static final class Interpolation {
    private Interpolation() {}

    static float[] matrix(BackwardContext ctx, String mode, String ctm, int in, int out, float scale) {
      float[] m = new float[out * in];
      for (int o = 0; o < out; o++) {
        double x = original(ctx, ctm, o, in, out, scale);
        switch (mode) {
          case "nearest" -> {
            int idx = (int) clamp(nearest(ctx, x, scale < 1f), 0, in - 1);
            m[o * in + idx] += 1f;
          }
          case "linear" -> {
            double c = Math.max(0, Math.min(x, in - 1));
            int x1 = (int) Math.min((long) c, in - 1);
            int x2 = Math.min(x1 + 1, in - 1);
            double w1 = Math.abs(c - x1);
            double w2 = Math.abs(c - x2);
            if (x1 == x2) {
              w1 = 0.5;
              w2 = 0.5;
            }
            m[o * in + x1] += (float) w2;
            m[o * in + x2] += (float) w1;
          }
          case "cubic" -> cubic(ctx, m, o, in, x);
          default -> throw ctx.unsupported("unknown mode '" + mode + "'");
        }
      }
      return m;
    }

    /**
     * The source position of output index {@code o}, computed in float arithmetic as ONNX Runtime
     * does: a position that float rounding puts exactly on an integer or a half (such as
     * {@code 1.5f / 0.6f - 0.5f == 2}) makes the nearest modes pick a different neighbour than the
     * exact value would.
     */
    private static double original(BackwardContext ctx, String ctm, int o, int in, int out, float scale) {
      float x = o;
      return switch (ctm) {
        case "half_pixel" -> (x + 0.5f) / scale - 0.5f;
        case "pytorch_half_pixel" -> out > 1 ? (x + 0.5f) / scale - 0.5f : 0f;
        case "align_corners" -> out == 1 ? 0f : x * (float) (in - 1) / (float) (out - 1);
        case "asymmetric" -> x / scale;
        default -> throw ctx.unsupported("coordinate_transformation_mode '" + ctm + "' is not supported");
      };
    }

    private static double nearest(BackwardContext ctx, double x, boolean downsampling) {
      String rule = ctx.attrString("nearest_mode", "round_prefer_floor");
      return switch (rule) {
        case "round_prefer_floor" -> x == Math.floor(x) + 0.5 ? Math.floor(x) : Math.round(x);
        case "round_prefer_ceil" -> Math.round(x);
        case "floor" -> Math.floor(x);
        case "ceil" -> Math.ceil(x);
        default -> throw ctx.unsupported("nearest_mode '" + rule + "' is not supported");
      };
    }

    private static void cubic(BackwardContext ctx, float[] m, int o, int in, double x) {
      double a = ctx.attrFloat("cubic_coeff_a", -0.75f);
      boolean excludeOutside = ctx.attrInt("exclude_outside", 0) != 0;
      int base = (int) Math.floor(x);
      double t = x - base;
      double[] w = {
        kernel(a, t + 1), kernel(a, t), kernel(a, 1 - t), kernel(a, 2 - t)
      };
      double sum = 0;
      for (int k = 0; k < 4; k++) {
        int idx = base - 1 + k;
        if (excludeOutside && (idx < 0 || idx >= in)) {
          w[k] = 0;
        }
        sum += w[k];
      }
      for (int k = 0; k < 4; k++) {
        int idx = (int) clamp(base - 1 + k, 0, in - 1);
        double weight = excludeOutside && sum != 0 ? w[k] / sum : w[k];
        m[o * in + idx] += (float) weight;
      }
    }

    private static double kernel(double a, double d) {
      d = Math.abs(d);
      if (d <= 1) {
        return ((a + 2) * d - (a + 3)) * d * d + 1;
      }
      if (d < 2) {
        return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
      }
      return 0;
    }

    private static double clamp(double v, double lo, double hi) {
      return Math.max(lo, Math.min(hi, v));
    }
  }
}
