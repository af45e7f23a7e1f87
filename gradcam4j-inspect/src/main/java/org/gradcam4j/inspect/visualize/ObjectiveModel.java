package org.gradcam4j.inspect.visualize;

import java.util.HashMap;
import java.util.Map;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * Where each objective is differentiated: the model's runtime and the tensor whose seeded sum is the
 * objective. Class, channel and neuron objectives use the model as it is. DeepDream maximises
 * {@code ||layer||^2 / 2}, whose seed would be the activation itself, known only after the forward
 * pass; rather than run twice per step, a two-node head ({@code ReduceSum(layer * layer)}) is appended
 * to the model as an extra output and differentiated with the constant seed 1/2, so the compiled
 * graph's own backward forms the activation-valued gradient in the same run.
 */
final class ObjectiveModel implements AutoCloseable {
  /** What one objective runs against. */
  record Target(ModelRuntime runtime, String tensor) {}

  private final ModelRuntime base;
  private final long[] inputShape;
  private final Map<String, ModelRuntime> dreamHeads = new HashMap<>();

  ObjectiveModel(ModelRuntime base, long[] inputShape) {
    this.base = base;
    this.inputShape = inputShape;
  }

  /** The runtime and tensor for {@code objective}; a layer that does not exist fails with its name. */
  Target target(Objective objective) {
    if (objective.layer() == null) {
      return new Target(base, base.defaultScoreTensor());
    }
    String layer = base.resolveLayer(objective.layer(), inputShape, null);
    if (!(objective instanceof Objective.Dream)) {
      return new Target(base, beforeRectifier(layer));
    }
    synchronized (dreamHeads) {
      int rank = base.shapes(inputShape).shape(layer).rank();
      ModelRuntime r = dreamHeads.computeIfAbsent(layer, l -> new ModelRuntime(withNormHead(base.model(), l, rank),
          base.threads()));
      return new Target(r, headName(layer));
    }
  }

  /**
   * The input of the ReLU (or ReLU6 as Clip) that produces {@code layer}, else the layer itself. From
   * noise, many units of a rectified layer are zero, and a zero unit has zero gradient, so ascent on it
   * never starts; Olah et al. therefore optimise pre-ReLU values. Where a unit is positive the two
   * objectives are the same.
   */
  private String beforeRectifier(String layer) {
    var graph = base.model().graph();
    String t = layer;
    for (int hop = 0; hop < 4; hop++) {
      var node = graph.producer(t);
      if (node == null) {
        return layer;
      }
      String op = node.getOpType();
      if (op.equals("Relu") || op.equals("Clip")) {
        return node.getInput(0);
      }
      if (!op.equals("Identity")) {
        return layer;
      }
      t = node.getInput(0);
    }
    return layer;
  }

  static String headName(String layer) {
    return "gradcam4j/visualize/sum_of_squares/" + layer;
  }

  /** The model with one more output: the sum of squares of {@code layer} per image, [N, 1, ...]. */
  private static OnnxModel withNormHead(OnnxModel model, String layer, int rank) {
    long[] axes = new long[rank - 1];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i + 1;
    }
    GraphBuilder b = new GraphBuilder(model.proto().getGraph(), model.defaultOpset());
    b.setNamePrefix("gradcam4j/visualize/");
    String squared = b.mul(layer, layer);
    String sum = b.reduceSum(squared, axes, true);
    String head = b.identityNamed(sum, headName(layer));
    b.output(head, DataType.FLOAT);
    return model.withProto(model.proto().toBuilder().setGraph(b.graph()).build());
  }

  @Override
  public void close() {
    dreamHeads.values().forEach(ModelRuntime::close);
  }
}
