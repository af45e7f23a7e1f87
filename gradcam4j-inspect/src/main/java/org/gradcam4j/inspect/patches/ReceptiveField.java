package org.gradcam4j.inspect.patches;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.Attrs;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * Which input pixels a unit of a 4-D tensor sees: unit (y, x) depends on input rows
 * {@code y * strideY + loY .. y * strideY + hiY} and columns {@code x * strideX + loX .. x * strideX + hiX}
 * (inclusive; they may lie outside the image, where padding is). Computed from the graph, per axis:
 * a convolution or pooling with kernel k, stride s, dilation d and leading pad p maps (S, lo, hi) of its
 * input to (s S, lo - p S, hi + (d (k - 1) - p) S); element-wise operations, Add of residual branches and
 * Concat over channels take the union (smallest lo, largest hi) of their inputs' fields, which must have
 * the same stride. The field is the box that holds every pixel any path reaches; it has no holes when the
 * gaps of a dilated or strided kernel are covered by earlier kernels, as in real networks.
 */
public record ReceptiveField(int strideY, int strideX, int loY, int hiY, int loX, int hiX, Steps steps) {
  /** Operations that combine their inputs position by position. */
  private static final Set<String> ELEMENTWISE = Set.of("Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh", "Clip",
      "HardSigmoid", "HardSwish", "Elu", "Selu", "Celu", "Softplus", "Softsign", "Gelu", "Erf", "Exp", "Log", "Neg",
      "Abs", "Sqrt", "Reciprocal", "Pow", "Add", "Sub", "Mul", "Div", "Max", "Min", "Sum", "Mean", "Identity",
      "Dropout", "BatchNormalization", "Cast", "Where", "Floor", "Ceil", "Round", "Sign", "ThresholdedRelu",
      "Shrink", "Mish", "QuantizeLinear", "DequantizeLinear");

  private static final Set<String> WINDOWED = Set.of("Conv", "MaxPool", "AveragePool", "LpPool");

  public int height() {
    return hiY - loY + 1;
  }

  public int width() {
    return hiX - loX + 1;
  }

  /** The input box of unit (y, x): top, left (inclusive), bottom, right (exclusive). */
  public int[] box(int y, int x) {
    return new int[] {y * strideY + loY, x * strideX + loX, y * strideY + hiY + 1, x * strideX + hiX + 1};
  }

  /** The field of {@code tensor} with respect to the image input {@code input}. */
  public static ReceptiveField of(GraphView graph, ShapeTable shapes, String input, String tensor) {
    Walker w = new Walker(graph, shapes, input);
    ReceptiveField f = w.field(tensor);
    if (f == null) {
      throw new GradCamException("Tensor '" + tensor + "' does not depend on the image input '" + input + "'");
    }
    List<NodeProto> order = new java.util.ArrayList<>();
    for (NodeProto n : graph.nodes()) {
      if (w.relevant.contains(n)) {
        order.add(n);
      }
    }
    java.util.Collections.reverse(order);
    return new ReceptiveField(f.strideY, f.strideX, f.loY, f.hiY, f.loX, f.hiX,
        new Steps(tensor, input, order, w.windows, w.memo, shapes));
  }

  /**
   * The input pixels unit (y, x) actually reaches, as a mask over the input (row-major, input height x
   * width). Inside the image and on a chain of windows this is {@link #box}; at the border padding
   * takes part of it (and hides what only padded positions would have reached, as with a dilated
   * kernel), and branches that reach different boxes make it their union, which need not be a box.
   * Found by walking the graph back from the unit, marking the positions each window reads.
   */
  public boolean[] seen(int y, int x) {
    return steps.seen(y, x);
  }

  /** The smallest box around {@link #seen}: [top, left, bottom, right), bottom and right exclusive. */
  public int[] seenBox(int y, int x) {
    boolean[] m = steps.seen(y, x);
    int w = steps.inputWidth;
    int top = Integer.MAX_VALUE;
    int left = Integer.MAX_VALUE;
    int bottom = -1;
    int right = -1;
    for (int i = 0; i < m.length; i++) {
      if (m[i]) {
        top = Math.min(top, i / w);
        bottom = Math.max(bottom, i / w);
        left = Math.min(left, i % w);
        right = Math.max(right, i % w);
      }
    }
    return bottom < 0 ? new int[] {0, 0, 0, 0} : new int[] {top, left, bottom + 1, right + 1};
  }

  /** A convolution or pooling window as the backward walk needs it. */
  record Window(String input, long[] kernel, long[] strides, long[] dilations, long[] pads, long[] inputSize) {}

  /** The graph's relevant nodes, last first, for walking back from one unit. */
  public static final class Steps {
    private final String target;
    private final String input;
    private final List<NodeProto> nodes;
    private final Map<String, Window> windows;
    private final Map<String, ReceptiveField> dependsOnInput;
    private final Map<String, int[]> sizes = new HashMap<>();
    private final int inputHeight;
    private final int inputWidth;

    Steps(String target, String input, List<NodeProto> nodes, Map<String, Window> windows,
        Map<String, ReceptiveField> fields, ShapeTable shapes) {
      for (String t : fields.keySet()) {
        TensorShape sh = shapes.contains(t) ? shapes.shape(t) : null;
        if (sh != null && sh.rank() == 4) {
          sizes.put(t, new int[] {(int) sh.dim(2), (int) sh.dim(3)});
        }
      }
      TensorShape in = shapes.shape(input);
      this.inputHeight = (int) in.dim(2);
      this.inputWidth = (int) in.dim(3);
      sizes.put(input, new int[] {inputHeight, inputWidth});
      if (!sizes.containsKey(target)) {
        sizes.put(target, new int[] {(int) shapes.shape(target).dim(2), (int) shapes.shape(target).dim(3)});
      }
      this.target = target;
      this.input = input;
      this.nodes = List.copyOf(nodes);
      this.windows = Map.copyOf(windows);
      Map<String, ReceptiveField> deps = new HashMap<>();
      fields.forEach((k, v) -> {
        if (v != null) {
          deps.put(k, v);
        }
      });
      this.dependsOnInput = deps;
    }

    boolean[] seen(int y, int x) {
      // Per tensor, the spatial positions the unit reaches.
      Map<String, boolean[]> reached = new HashMap<>();
      int[] size = sizes.get(target);
      boolean[] start = new boolean[size[0] * size[1]];
      start[y * size[1] + x] = true;
      reached.put(target, start);
      for (NodeProto n : nodes) {
        boolean[] out = reached.get(n.getOutput(0));
        if (out == null) {
          continue;
        }
        int[] outSize = sizes.get(n.getOutput(0));
        Window w = windows.get(n.getOutput(0));
        if (w != null) {
          int ih = (int) w.inputSize()[0];
          int iw = (int) w.inputSize()[1];
          boolean[] in = reached.computeIfAbsent(w.input(), t -> new boolean[ih * iw]);
          for (int oy = 0; oy < outSize[0]; oy++) {
            for (int ox = 0; ox < outSize[1]; ox++) {
              if (out[oy * outSize[1] + ox]) {
                mark(in, ih, iw, w, oy, ox);
              }
            }
          }
        } else {
          for (String in : n.getInputList()) {
            if (in.equals(input) || dependsOnInput.containsKey(in)) {
              boolean[] m = reached.computeIfAbsent(in, t -> new boolean[out.length]);
              for (int i = 0; i < out.length; i++) {
                m[i] |= out[i];
              }
            }
          }
        }
      }
      boolean[] s = reached.get(input);
      return s == null ? new boolean[inputHeight * inputWidth] : s;
    }

    /** Marks the input positions one output of a window reads (padding reads none). */
    private static void mark(boolean[] in, int ih, int iw, Window w, int oy, int ox) {
      for (long j = 0; j < w.kernel()[0]; j++) {
        long iy = oy * w.strides()[0] - w.pads()[0] + j * w.dilations()[0];
        if (iy < 0 || iy >= ih) {
          continue;
        }
        for (long i = 0; i < w.kernel()[1]; i++) {
          long ix = ox * w.strides()[1] - w.pads()[1] + i * w.dilations()[1];
          if (ix >= 0 && ix < iw) {
            in[(int) (iy * iw + ix)] = true;
          }
        }
      }
    }
  }

  private static final class Walker {
    private final GraphView graph;
    private final ShapeTable shapes;
    private final String input;
    private final Map<String, ReceptiveField> memo = new HashMap<>();
    private final Set<NodeProto> relevant = new java.util.HashSet<>();
    private final Map<String, Window> windows = new HashMap<>();

    Walker(GraphView graph, ShapeTable shapes, String input) {
      this.graph = graph;
      this.shapes = shapes;
      this.input = input;
    }

    /** The field of a tensor, or null when it does not depend on the input (weights, constants). */
    ReceptiveField field(String tensor) {
      if (tensor.isEmpty()) {
        return null;
      }
      if (tensor.equals(input)) {
        return new ReceptiveField(1, 1, 0, 0, 0, 0, null);
      }
      if (memo.containsKey(tensor)) {
        return memo.get(tensor);
      }
      NodeProto n = graph.producer(tensor);
      ReceptiveField f = n == null || !graph.ancestors(tensor).contains(input) ? null : through(n);
      memo.put(tensor, f);
      if (f != null) {
        relevant.add(n);
      }
      return f;
    }

    private ReceptiveField through(NodeProto n) {
      String op = n.getOpType();
      if (op.equals("Constant")) {
        return null;
      }
      if (!n.getDomain().isEmpty() && !n.getDomain().equals("ai.onnx")) {
        throw unsupported(n);
      }
      if (WINDOWED.contains(op)) {
        return windowed(n);
      }
      if (op.equals("Concat") && axis(n) == 1) {
        return union(n, n.getInputList());
      }
      if (ELEMENTWISE.contains(op)) {
        for (String in : n.getInputList()) {
          if (field(in) != null && !spatiallyMatches(in, n.getOutput(0))) {
            // e.g. a squeeze-and-excitation scale from a global pool: every unit sees the whole image.
            throw new GradCamException("Receptive field: " + GraphView.describe(n) + " broadcasts '" + in
                + "' over space, so its units see the whole image; pick a layer before it");
          }
        }
        return union(n, n.getInputList());
      }
      throw unsupported(n);
    }

    private boolean spatiallyMatches(String in, String out) {
      if (!shapes.contains(in) || !shapes.contains(out)) {
        return true;
      }
      TensorShape a = shapes.shape(in);
      TensorShape b = shapes.shape(out);
      return a.rank() != 4 || b.rank() != 4 || (a.dim(2) == b.dim(2) && a.dim(3) == b.dim(3));
    }

    private static long axis(NodeProto n) {
      long a = Attrs.getInt(n, "axis", 1);
      return a < 0 ? a + 4 : a;
    }

    private ReceptiveField union(NodeProto n, List<String> inputs) {
      ReceptiveField u = null;
      for (String in : inputs) {
        ReceptiveField f = field(in);
        if (f == null) {
          continue;
        }
        if (u == null) {
          u = f;
        } else if (u.strideY != f.strideY || u.strideX != f.strideX) {
          throw new GradCamException("Receptive field: the inputs of " + GraphView.describe(n)
              + " come at different strides (" + u.strideY + " and " + f.strideY + ")");
        } else {
          u = new ReceptiveField(u.strideY, u.strideX, Math.min(u.loY, f.loY), Math.max(u.hiY, f.hiY),
              Math.min(u.loX, f.loX), Math.max(u.hiX, f.hiX), null);
        }
      }
      return u;
    }

    private ReceptiveField windowed(NodeProto n) {
      ReceptiveField f = field(n.getInput(0));
      if (f == null) {
        return null;
      }
      long[] kernel = Attrs.getInts(n, "kernel_shape", null);
      if (kernel == null && n.getOpType().equals("Conv")) {
        TensorShape w = shapes.shape(n.getInput(1));
        kernel = new long[] {w.dim(2), w.dim(3)};
      }
      if (kernel == null || kernel.length != 2) {
        throw new GradCamException("Receptive field: " + GraphView.describe(n) + " is not a 2-D window");
      }
      long[] strides = Attrs.getInts(n, "strides", new long[] {1, 1});
      long[] dilations = Attrs.getInts(n, "dilations", new long[] {1, 1});
      long[] pads = leadingPads(n, kernel, strides, dilations);
      TensorShape in = shapes.shape(n.getInput(0));
      windows.put(n.getOutput(0), new Window(n.getInput(0), kernel, strides, dilations, pads,
          new long[] {in.dim(2), in.dim(3)}));
      int sy = (int) strides[0];
      int sx = (int) strides[1];
      return new ReceptiveField(f.strideY * sy, f.strideX * sx,
          (int) (f.loY - pads[0] * f.strideY), (int) (f.hiY + (dilations[0] * (kernel[0] - 1) - pads[0]) * f.strideY),
          (int) (f.loX - pads[1] * f.strideX), (int) (f.hiX + (dilations[1] * (kernel[1] - 1) - pads[1]) * f.strideX),
          null);
    }

    /** The top and left pads, from "pads" or, for auto_pad SAME_*, from the shapes as ONNX defines them. */
    private long[] leadingPads(NodeProto n, long[] kernel, long[] strides, long[] dilations) {
      String auto = Attrs.getString(n, "auto_pad", "NOTSET");
      if (auto.equals("SAME_UPPER") || auto.equals("SAME_LOWER")) {
        TensorShape in = shapes.shape(n.getInput(0));
        long[] lead = new long[2];
        for (int a = 0; a < 2; a++) {
          long size = in.dim(2 + a);
          long out = (size + strides[a] - 1) / strides[a];
          long total = Math.max(0, (out - 1) * strides[a] + dilations[a] * (kernel[a] - 1) + 1 - size);
          lead[a] = auto.equals("SAME_UPPER") ? total / 2 : total - total / 2;
        }
        return lead;
      }
      if (auto.equals("VALID")) {
        return new long[] {0, 0};
      }
      long[] pads = Attrs.getInts(n, "pads", new long[] {0, 0, 0, 0});
      return new long[] {pads[0], pads[1]};
    }

    private static GradCamException unsupported(NodeProto n) {
      return new GradCamException("Receptive field: cannot follow " + GraphView.describe(n)
          + " (only convolutions, pooling windows, element-wise operations and channel concatenation are followed);"
          + " pick a layer before it");
    }
  }
}
