package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * The part of a model after a layer: a model whose input is the layer's tensor and whose output is
 * the score tensor, so that modified activations (Ablation-CAM's ablated channels) can be scored
 * without running the layers before them. Nodes are kept unchanged. When some node of the head
 * still reads the image input (a skip connection around the layer, or a shape computed from the
 * input), the image stays an input too.
 *
 * @param model the head model: inputs {@code layer} and, when needed, {@code imageInput}
 * @param layer the layer tensor, now a graph input
 * @param imageInput the image input when some node of the head reads it, else {@code null}
 */
record HeadModel(OnnxModel model, String layer, String imageInput) {
  /** Whether the image must be fed as well as the layer. */
  boolean needsImage() {
    return imageInput != null;
  }

  /**
   * Cuts a prepared model at {@code layer}.
   *
   * @param shapes the model's tensor shapes, for the declaration of the new input
   */
  static HeadModel cut(OnnxModel model, ShapeTable shapes, String imageInput, String layer, String score) {
    GraphView graph = model.graph();
    if (layer.equals(score)) {
      throw new GradCamException("The layer '" + layer + "' is the score tensor itself; choose a layer before it");
    }
    Set<String> needed = new HashSet<>();
    Set<NodeProto> kept = new HashSet<>();
    boolean reachesLayer = false;
    List<String> stack = new ArrayList<>(List.of(score));
    while (!stack.isEmpty()) {
      String t = stack.remove(stack.size() - 1);
      if (!needed.add(t)) {
        continue;
      }
      if (t.equals(layer)) {
        reachesLayer = true;
        continue;
      }
      NodeProto p = graph.producer(t);
      if (p != null && kept.add(p)) {
        stack.addAll(GraphView.inputsIncludingSubgraphs(p));
      }
    }
    if (!reachesLayer) {
      throw new GradCamException("The score tensor '" + score + "' does not depend on layer '" + layer
          + "': choose a layer that lies before the score in the graph");
    }
    for (NodeProto n : kept) {
      if (n.getOutputList().contains(layer)) {
        throw new GradCamException("Layer '" + layer + "' comes out of " + GraphView.describe(n)
            + " together with other outputs that the score needs; choose another layer");
      }
    }
    boolean needsImage = needed.contains(imageInput);

    GraphProto original = model.proto().getGraph();
    GraphProto.Builder g = GraphProto.newBuilder().setName(original.getName() + "_head");
    for (NodeProto n : graph.nodes()) {
      if (kept.contains(n)) {
        g.addNode(n);
      }
    }
    for (TensorProto t : original.getInitializerList()) {
      if (needed.contains(t.getName())) {
        g.addInitializer(t);
      }
    }
    g.addInput(declaration(layer, shapes));
    if (needsImage) {
      for (ValueInfoProto v : original.getInputList()) {
        if (v.getName().equals(imageInput)) {
          g.addInput(v);
        }
      }
    }
    g.addOutput(ValueInfoProto.newBuilder().setName(score).setType(
        org.gradcam4j.onnx.proto.Onnx.TypeProto.newBuilder().setTensorType(
            org.gradcam4j.onnx.proto.Onnx.TypeProto.Tensor.newBuilder().setElemType(DataType.FLOAT.code()))));
    return new HeadModel(model.withProto(model.proto().toBuilder().setGraph(g).build()), layer,
        needsImage ? imageInput : null);
  }

  /** The layer as an input: batch-dependent dimensions symbolic, the others as probed. */
  private static ValueInfoProto declaration(String layer, ShapeTable shapes) {
    if (shapes.type(layer) != DataType.FLOAT) {
      throw new GradCamException("Layer '" + layer + "' is " + shapes.type(layer) + ", not float32");
    }
    TensorShape shape = shapes.shape(layer);
    Object[] dims = new Object[shape.rank()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.isBatchDim(i) ? (Object) "N" : (Object) shape.dim(i);
    }
    return GraphBuilder.valueInfo(layer, DataType.FLOAT, dims);
  }
}
