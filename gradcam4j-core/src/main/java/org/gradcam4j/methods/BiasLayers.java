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
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * The layers that add a per-channel bias to a [N, C, h, w] tensor, as FullGrad uses them: every Conv
 * with a bias input and every BatchNormalization between the image and the score. A BatchNormalization
 * adds the effective bias {@code beta - mean * gamma / sqrt(var + eps)} (Srinivas and Fleuret's
 * reference code and pytorch-grad-cam read it the same way). Biases must be constants of the graph.
 */
final class BiasLayers {
  /** A layer's output tensor and its bias per channel. */
  record BiasLayer(String tensor, float[] bias) {}

  private BiasLayers() {}

  static List<BiasLayer> find(GraphView graph, ShapeTable shapes, String image, String score) {
    Set<String> ancestors = graph.ancestors(score);
    Set<String> dependent = new HashSet<>(Set.of(image));
    for (NodeProto n : graph.nodes()) {
      if (n.getInputList().stream().anyMatch(dependent::contains)) {
        dependent.addAll(n.getOutputList());
      }
    }
    List<BiasLayer> layers = new ArrayList<>();
    for (NodeProto n : graph.nodes()) {
      boolean candidate = n.getOpType().equals("Conv") || n.getOpType().equals("BatchNormalization");
      if (!candidate || !n.getDomain().isEmpty() || n.getInputCount() == 0 || n.getOutputCount() == 0) {
        continue;
      }
      String out = n.getOutput(0);
      if (!ancestors.contains(out) || !dependent.contains(n.getInput(0)) || !shapes.contains(out)
          || shapes.shape(out).rank() != 4) {
        continue;
      }
      bias(graph, n).ifPresent(b -> {
        if (b.length != shapes.shape(out).dim(1)) {
          throw new GradCamException("The bias of " + GraphView.describe(n) + " has " + b.length
              + " values for " + shapes.shape(out).dim(1) + " channels");
        }
        layers.add(new BiasLayer(out, b));
      });
    }
    return layers;
  }

  private static Optional<float[]> bias(GraphView graph, NodeProto n) {
    switch (n.getOpType()) {
      case "Conv":
        if (n.getInputCount() < 3 || n.getInput(2).isEmpty()) {
          return Optional.empty();
        }
        return Optional.of(constant(graph, n, n.getInput(2)));
      case "BatchNormalization": {
        float[] gamma = constant(graph, n, n.getInput(1));
        float[] beta = constant(graph, n, n.getInput(2));
        float[] mean = constant(graph, n, n.getInput(3));
        float[] var = constant(graph, n, n.getInput(4));
        float eps = Attrs.getFloat(n, "epsilon", 1e-5f);
        float[] b = new float[beta.length];
        for (int c = 0; c < b.length; c++) {
          b[c] = (float) (beta[c] - mean[c] * gamma[c] / Math.sqrt((double) var[c] + eps));
        }
        return Optional.of(b);
      }
      default:
        return Optional.empty();
    }
  }

  private static float[] constant(GraphView graph, NodeProto n, String tensor) {
    TensorProto t = graph.constantValue(tensor).orElseThrow(() -> new GradCamException("FullGrad needs the bias of "
        + GraphView.describe(n) + " as a constant, but '" + tensor + "' is computed at run time"));
    return Tensors.toFloats(t);
  }

}
