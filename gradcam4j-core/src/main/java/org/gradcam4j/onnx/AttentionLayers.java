package org.gradcam4j.onnx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * The attention blocks of a transformer as they appear in an exported graph: the attention
 * probabilities (a Softmax over the last axis of a [.., T, T] tensor, T keys per query) and the
 * token normalisations (LayerNormalization, or the ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div,
 * Mul, Add chain that exports before opset 17 write instead).
 */
public final class AttentionLayers {
  private AttentionLayers() {}

  /** Outputs of the attention Softmax nodes the score depends on, in graph order. */
  public static List<String> probabilities(GraphView graph, ShapeTable shapes, String score) {
    Set<String> ancestors = graph.ancestors(score);
    List<String> found = new ArrayList<>();
    for (NodeProto n : graph.nodes()) {
      if (!n.getOpType().equals("Softmax") || !n.getDomain().isEmpty() || !ancestors.contains(n.getOutput(0))
          || !shapes.contains(n.getOutput(0))) {
        continue;
      }
      TensorShape s = shapes.shape(n.getOutput(0));
      int rank = s.rank();
      long axis = Attrs.getInt(n, "axis", -1);
      if (rank >= 3 && (axis == -1 || axis == rank - 1) && s.dim(rank - 1) == s.dim(rank - 2) && s.dim(rank - 1) > 1) {
        found.add(n.getOutput(0));
      }
    }
    return found;
  }

  /**
   * The default layer of a vision transformer: the token normalisation that feeds the last attention
   * block (pytorch-grad-cam's advice for ViT: the last block's first LayerNorm), when it holds a
   * token tensor of {@code grid}. Later tensors are poor choices: after the last attention only the
   * class token reaches the score, so the gradient of every patch token is zero.
   */
  public static Optional<String> defaultLayer(GraphView graph, ShapeTable shapes, String score, TokenGrid grid) {
    List<String> attention = probabilities(graph, shapes, score);
    if (attention.isEmpty()) {
      return Optional.empty();
    }
    Set<String> before = graph.ancestors(attention.get(attention.size() - 1));
    String best = null;
    int bestPosition = -1;
    for (String t : normalisations(graph)) {
      int position = graph.producerPosition(t);
      if (before.contains(t) && position > bestPosition && grid.layout(graph, shapes, t).isPresent()) {
        best = t;
        bestPosition = position;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Outputs of token normalisations, fused or written out. */
  static List<String> normalisations(GraphView graph) {
    List<String> out = new ArrayList<>();
    for (NodeProto n : graph.nodes()) {
      if (n.getOpType().equals("LayerNormalization") && n.getDomain().isEmpty()) {
        out.add(n.getOutput(0));
      } else if (n.getOpType().equals("Div") && isCentred(graph, n.getInput(0))) {
        out.add(afterAffine(graph, n.getOutput(0)));
      }
    }
    return out;
  }

  /** True for {@code Sub(x, ReduceMean(x))}: the numerator of a written-out normalisation. */
  private static boolean isCentred(GraphView graph, String tensor) {
    NodeProto sub = graph.producer(tensor);
    if (sub == null || !sub.getOpType().equals("Sub")) {
      return false;
    }
    NodeProto mean = graph.producer(sub.getInput(1));
    return mean != null && mean.getOpType().equals("ReduceMean") && mean.getInput(0).equals(sub.getInput(0));
  }

  /** A weight: an initializer or constant, or an Identity of one (exporters share equal weights that way). */
  private static boolean isParameter(GraphView graph, String tensor) {
    NodeProto p = graph.producer(tensor);
    return graph.constantValue(tensor).isPresent()
        || p != null && p.getOpType().equals("Identity") && isParameter(graph, p.getInput(0));
  }

  /** The normalised tensor after its scale (Mul) and shift (Add) by constants, where present. */
  private static String afterAffine(GraphView graph, String tensor) {
    String t = tensor;
    for (String op : List.of("Mul", "Add")) {
      List<NodeProto> readers = graph.consumers(t);
      if (readers.size() == 1 && readers.get(0).getOpType().equals(op)
          && readers.get(0).getInputList().stream().anyMatch(i -> isParameter(graph, i))) {
        t = readers.get(0).getOutput(0);
      }
    }
    return t;
  }
}
