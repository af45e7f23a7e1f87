package org.gradcam4j.onnx;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Finds, in an image classifier, the things an explanation needs: the image input, the score tensor
 * to explain and the default target layer.
 */
public final class ModelAnalysis {
  /** Ops that do not change values, looked through when searching for a final Softmax. */
  private static final Set<String> PASS_THROUGH = Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze");

  private ModelAnalysis() {}

  /** The model's single run-time input; fails with a clear message otherwise. */
  public static ValueInfoProto imageInput(GraphView graph) {
    List<ValueInfoProto> inputs = graph.inputs();
    if (inputs.size() != 1) {
      throw new GradCamException("The model has " + inputs.size() + " run-time inputs ("
          + String.join(", ", inputs.stream().map(ValueInfoProto::getName).toList())
          + "); gradcam4j explains one image input: give the others values (--input NAME=FILE.npy or .json,"
          + " and --image-input NAME when the image input is not the only one left)");
    }
    return inputs.get(0);
  }

  /**
   * The declared input shape with -1 for symbolic dimensions. Checks the NCHW layout with 1 or 3
   * channels that gradcam4j's image pipeline produces.
   */
  public static long[] declaredInputShape(GraphView graph) {
    ValueInfoProto input = imageInput(graph);
    var shape = input.getType().getTensorType().getShape();
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.getDim(i).hasDimValue() && shape.getDim(i).getDimValue() > 0 ? shape.getDim(i).getDimValue() : -1;
    }
    if (dims.length != 4) {
      throw new GradCamException("The model's input '" + input.getName() + "' has " + dims.length
          + " dimensions; gradcam4j expects an image batch [N, 3, H, W]");
    }
    if (dims[1] != 3 && dims[3] == 3) {
      throw new GradCamException("The model's input '" + input.getName() + "' is channels-last [N, H, W, 3];"
          + " gradcam4j expects channels-first [N, 3, H, W] (NCHW). Convert the model, for example with"
          + " a Transpose at its input");
    }
    if (dims[1] != 3 && dims[1] != -1) {
      throw new GradCamException("The model's input '" + input.getName() + "' has " + dims[1]
          + " channels; gradcam4j feeds RGB images [N, 3, H, W]");
    }
    return dims;
  }

  /**
   * The tensor to explain by default: the first graph output, or, when that output is a Softmax (seen
   * through reshapes), the Softmax's input, i.e. the pre-softmax class scores the Python libraries
   * explain.
   */
  public static String defaultScoreTensor(GraphView graph) {
    String out = graph.outputNames().get(0);
    String t = out;
    for (int guard = 0; guard < 16; guard++) {
      NodeProto p = graph.producer(t);
      if (p == null) {
        break;
      }
      if (p.getOpType().equals("Softmax") && p.getDomain().isEmpty()) {
        return p.getInput(0);
      }
      if (!PASS_THROUGH.contains(p.getOpType())) {
        break;
      }
      t = p.getInput(0);
    }
    return out;
  }

  /** True when {@code score} is the input of a Softmax that produces a graph output. */
  public static boolean outputIsSoftmaxOf(GraphView graph, String score) {
    return !defaultScoreTensor(graph).equals(graph.outputNames().get(0))
        && defaultScoreTensor(graph).equals(score);
  }

  /**
   * Candidate target layers: 4-D float tensors with more than one spatial position that the score
   * depends on, in topological order.
   */
  public static List<String> spatialLayers(GraphView graph, ShapeTable shapes, String score) {
    Set<String> ancestors = graph.ancestors(score);
    List<String> layers = new ArrayList<>();
    for (NodeProto n : graph.nodes()) {
      for (String out : n.getOutputList()) {
        if (out.isEmpty() || !ancestors.contains(out) || !shapes.contains(out)) {
          continue;
        }
        ShapeTable.Entry e = shapes.entry(out);
        TensorShape s = e.shape();
        if (e.type() == DataType.FLOAT && s.rank() == 4 && s.dim(2) > 0 && s.dim(3) > 0
            && s.dim(2) * s.dim(3) > 1) {
          layers.add(out);
        }
      }
    }
    return layers;
  }

  /**
   * The default target layer: the last 4-D activation with spatial extent before the score, which is
   * the one that feeds the global pooling or flattening before the classifier.
   */
  public static String defaultLayer(GraphView graph, ShapeTable shapes, String score) {
    List<String> layers = spatialLayers(graph, shapes, score);
    if (layers.isEmpty()) {
      throw new GradCamException("The model has no 4-D activation with spatial extent before '" + score
          + "'; class activation maps need a convolutional layer");
    }
    return layers.get(layers.size() - 1);
  }

  /**
   * Resolves a user-given layer: a tensor name, or the name of the node producing it (its first
   * output). The error lists the candidate layers.
   */
  public static String resolveLayer(GraphView graph, ShapeTable shapes, String score, String name) {
    if (graph.producer(name) != null || graph.isInput(name)) {
      return name;
    }
    Optional<NodeProto> node = graph.node(name);
    if (node.isPresent()) {
      return node.get().getOutput(0);
    }
    List<String> candidates = spatialLayers(graph, shapes, score);
    List<String> last = candidates.subList(Math.max(0, candidates.size() - 8), candidates.size());
    throw new GradCamException("Unknown layer '" + name + "': the model has no tensor or node of that name."
        + " Last candidate layers: " + String.join(", ", last));
  }

}
