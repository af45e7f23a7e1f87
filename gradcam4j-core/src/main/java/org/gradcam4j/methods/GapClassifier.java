package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.Attrs;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * The linear classifier that follows a layer through global average pooling, read from the graph:
 * {@code score = W . GAP(A) + b}, which is what CAM (Zhou et al. 2016) needs. Recognised: global
 * average pooling (GlobalAveragePool, ReduceMean over the spatial axes, or an AveragePool whose
 * window is the whole map), then reshapes (Flatten, Reshape, Squeeze, Unsqueeze, Identity, Dropout),
 * then one linear map whose weights are constants (Gemm, MatMul with an optional Add, or a 1x1 Conv
 * on the pooled [N, C, 1, 1] tensor), then reshapes or a constant bias Add up to the score tensor.
 * When the pooled layer is the score itself (SqueezeNet's conv10), the classes are the channels and
 * {@code W} is the identity.
 *
 * @param weights W as [K][C] (class by channel), or {@code null} when the channels are the classes
 */
record GapClassifier(float[][] weights) {
  private static final Set<String> RESHAPES = Set.of("Flatten", "Reshape", "Squeeze", "Unsqueeze", "Identity",
      "Dropout");

  /** True when the layer's channels are the class scores themselves. */
  boolean classChannels() {
    return weights == null;
  }

  /** {@code sum_c seed_c W[c, k]}: the weight of each channel for the explained functional. */
  float[] channelWeights(float[] seed, int channels) {
    if (classChannels()) {
      if (seed.length != channels) {
        throw new GradCamException("The layer has " + channels + " channels but the score tensor has "
            + seed.length + " values");
      }
      return seed.clone();
    }
    float[] w = new float[channels];
    for (int c = 0; c < seed.length; c++) {
      if (seed[c] == 0) {
        continue;
      }
      for (int k = 0; k < channels; k++) {
        w[k] += seed[c] * weights[c][k];
      }
    }
    return w;
  }

  static GapClassifier find(GraphView graph, ShapeTable shapes, String layer, String score) {
    Set<String> ancestors = graph.ancestors(score);
    if (!ancestors.contains(layer)) {
      throw notApplicable(layer, "the score tensor '" + score + "' does not depend on it");
    }
    TensorShape layerShape = shapes.shape(layer);
    if (layerShape.rank() != 4) {
      throw notApplicable(layer, "it has shape " + layerShape + ", not [N, C, h, w]");
    }
    long channels = layerShape.dim(1);
    NodeProto pool = nextOnPath(graph, ancestors, layer);
    if (!isGlobalAveragePool(graph, shapes, pool, layerShape)) {
      throw notApplicable(layer, "it feeds " + GraphView.describe(pool) + ", not a global average pooling");
    }
    String t = skipReshapes(graph, ancestors, pool.getOutput(0), score);
    if (t.equals(score)) {
      if (shapes.shape(score).elementCountFrom(1) != channels) {
        throw notApplicable(layer, "its pooled channels reach the score tensor but their count differs");
      }
      return new GapClassifier(null);
    }
    NodeProto linear = nextOnPath(graph, ancestors, t);
    float[][] w = linearWeights(graph, shapes, linear, t, (int) channels)
        .orElseThrow(() -> notApplicable(layer, "after the pooling comes " + GraphView.describe(linear)
            + ", not a linear classifier with constant weights (Gemm, MatMul or 1x1 Conv)"));
    t = linear.getOutput(0);
    while (!t.equals(score)) {
      NodeProto n = nextOnPath(graph, ancestors, t);
      boolean bias = n.getOpType().equals("Add") && otherInputIsConstant(graph, n, t);
      if (!bias && !RESHAPES.contains(n.getOpType())) {
        throw notApplicable(layer, "between the classifier and the score tensor comes " + GraphView.describe(n)
            + ", which is not linear");
      }
      t = n.getOutput(0);
    }
    if (shapes.shape(score).elementCountFrom(1) != w.length) {
      throw notApplicable(layer, "the classifier has " + w.length + " outputs but the score tensor has "
          + shapes.shape(score).elementCountFrom(1) + " values");
    }
    return new GapClassifier(w);
  }

  private static GradCamException notApplicable(String layer, String why) {
    return new GradCamException("CAM does not apply to layer '" + layer + "': " + why + ". CAM needs a layer"
        + " that feeds global average pooling and a linear classifier straight into the score; use gradcam"
        + " instead (on such networks it gives the same map up to scale)");
  }

  /** The single node that consumes {@code tensor} on the way to the score. */
  private static NodeProto nextOnPath(GraphView graph, Set<String> ancestors, String tensor) {
    List<NodeProto> next = new ArrayList<>();
    for (NodeProto n : graph.consumers(tensor)) {
      if (n.getOutputList().stream().anyMatch(ancestors::contains)) {
        next.add(n);
      }
    }
    if (next.size() != 1) {
      throw notApplicable(tensor, "it reaches the score through " + next.size() + " nodes, not one chain");
    }
    return next.get(0);
  }

  private static String skipReshapes(GraphView graph, Set<String> ancestors, String tensor, String score) {
    String t = tensor;
    while (!t.equals(score)) {
      NodeProto n = nextOnPath(graph, ancestors, t);
      if (!RESHAPES.contains(n.getOpType())) {
        return t;
      }
      t = n.getOutput(0);
    }
    return t;
  }

  private static boolean isGlobalAveragePool(GraphView graph, ShapeTable shapes, NodeProto n, TensorShape in) {
    switch (n.getOpType()) {
      case "GlobalAveragePool":
        return true;
      case "ReduceMean": {
        long[] axes = Attrs.getInts(n, "axes", null);
        if (axes == null && n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
          axes = graph.constantValue(n.getInput(1)).map(Tensors::toLongs).orElse(null);
        }
        if (axes == null || axes.length != 2) {
          return false;
        }
        Set<Long> set = new HashSet<>();
        for (long a : axes) {
          set.add(a < 0 ? a + 4 : a);
        }
        return set.equals(Set.of(2L, 3L));
      }
      case "AveragePool": {
        long[] kernel = Attrs.getInts(n, "kernel_shape", null);
        long[] pads = Attrs.getInts(n, "pads", null);
        boolean noPads = pads == null || java.util.Arrays.stream(pads).allMatch(p -> p == 0);
        return kernel != null && kernel.length == 2 && kernel[0] == in.dim(2) && kernel[1] == in.dim(3) && noPads;
      }
      default:
        return false;
    }
  }

  /** W [K][C] of a Gemm, MatMul or 1x1 Conv applied to the pooled tensor {@code input}. */
  private static Optional<float[][]> linearWeights(GraphView graph, ShapeTable shapes, NodeProto n, String input,
      int channels) {
    switch (n.getOpType()) {
      case "Gemm": {
        if (!n.getInput(0).equals(input) || Attrs.getInt(n, "transA", 0) != 0) {
          return Optional.empty();
        }
        boolean transB = Attrs.getInt(n, "transB", 0) != 0;
        float alpha = Attrs.getFloat(n, "alpha", 1f);
        return constant(graph, n.getInput(1)).map(b -> matrix(b, transB, alpha, channels));
      }
      case "MatMul": {
        if (!n.getInput(0).equals(input) || shapes.shape(input).rank() != 2) {
          return Optional.empty();
        }
        return constant(graph, n.getInput(1)).map(b -> matrix(b, false, 1f, channels));
      }
      case "Conv": {
        TensorShape in = shapes.shape(input);
        if (!n.getInput(0).equals(input) || in.rank() != 4 || in.dim(2) != 1 || in.dim(3) != 1
            || Attrs.getInt(n, "group", 1) != 1) {
          return Optional.empty();
        }
        return constant(graph, n.getInput(1)).filter(t -> t.getDimsCount() == 4 && t.getDims(2) == 1
            && t.getDims(3) == 1).map(t -> {
              int k = (int) t.getDims(0);
              float[] v = Tensors.toFloats(t);
              float[][] w = new float[k][channels];
              for (int c = 0; c < k; c++) {
                System.arraycopy(v, c * channels, w[c], 0, channels);
              }
              return w;
            });
      }
      default:
        return Optional.empty();
    }
  }

  private static Optional<TensorProto> constant(GraphView graph, String tensor) {
    return graph.constantValue(tensor);
  }

  /** W [K][C] from a 2-D constant that is [C, K] (or [K, C] when transposed), scaled. */
  private static float[][] matrix(TensorProto b, boolean transposed, float alpha, int channels) {
    if (b.getDimsCount() != 2) {
      throw new GradCamException("The classifier weight '" + b.getName() + "' is not a matrix");
    }
    int rows = (int) b.getDims(0);
    int cols = (int) b.getDims(1);
    float[] v = Tensors.toFloats(b);
    int k = transposed ? rows : cols;
    if ((transposed ? cols : rows) != channels) {
      throw new GradCamException("The classifier weight '" + b.getName() + "' has shape [" + rows + ", " + cols
          + "], which does not match the layer's " + channels + " channels");
    }
    float[][] w = new float[k][channels];
    for (int c = 0; c < k; c++) {
      for (int ch = 0; ch < channels; ch++) {
        w[c][ch] = alpha * (transposed ? v[c * cols + ch] : v[ch * cols + c]);
      }
    }
    return w;
  }

  private static boolean otherInputIsConstant(GraphView graph, NodeProto add, String tensor) {
    for (String in : add.getInputList()) {
      if (!in.equals(tensor) && graph.constantValue(in).isEmpty()) {
        return false;
      }
    }
    return true;
  }

}
