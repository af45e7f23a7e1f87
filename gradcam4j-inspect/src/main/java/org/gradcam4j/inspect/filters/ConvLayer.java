package org.gradcam4j.inspect.filters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.Attrs;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * One convolution of a model and its kernels: weights {@code [M, C/group, kh, kw]} as stored in the
 * model. With {@code group > 1} filter {@code m} reads input channels {@code g * C/group ..
 * (g + 1) * C/group - 1} where {@code g = m / (M / group)}; a depthwise convolution ({@code group = C})
 * has one input channel per filter.
 */
public record ConvLayer(String node, String weight, String output, long[] shape, int group, float[] weights) {
  public int filters() {
    return (int) shape[0];
  }

  /** Input channels each filter reads. */
  public int channelsPerFilter() {
    return (int) shape[1];
  }

  public int kernelHeight() {
    return (int) shape[2];
  }

  public int kernelWidth() {
    return (int) shape[3];
  }

  /** The group of filter {@code m}. */
  public int groupOf(int m) {
    return m / (filters() / group);
  }

  /** The model's input channel that input channel {@code c} of filter {@code m} reads. */
  public int inputChannel(int m, int c) {
    return groupOf(m) * channelsPerFilter() + c;
  }

  /**
   * The convolution named by {@code layer}: a Conv node's name, its weight tensor or its output tensor;
   * the first Conv in graph order for {@code null}. The error lists the model's convolutions.
   */
  public static ConvLayer find(OnnxModel model, String layer) {
    GraphView g = model.graph();
    List<NodeProto> convs = new ArrayList<>();
    for (NodeProto n : g.nodes()) {
      if (n.getOpType().equals("Conv") && n.getDomain().isEmpty()) {
        convs.add(n);
      }
    }
    if (convs.isEmpty()) {
      throw new GradCamException("The model has no Conv node: there are no kernels to show");
    }
    NodeProto conv = null;
    if (layer == null) {
      conv = convs.get(0);
    } else {
      for (NodeProto n : convs) {
        if (n.getName().equals(layer) || n.getInput(1).equals(layer) || n.getOutput(0).equals(layer)) {
          conv = n;
          break;
        }
      }
    }
    if (conv == null) {
      List<String> names = convs.stream().limit(12).map(ConvLayer::label).toList();
      throw new GradCamException("No Conv node, Conv weight or Conv output named '" + layer + "'; the model's"
          + " convolutions are: " + String.join(", ", names) + (convs.size() > 12 ? ", ... (" + convs.size() + " in all)" : ""));
    }
    return of(g, conv);
  }

  private static String label(NodeProto n) {
    return n.getName().isEmpty() ? n.getOutput(0) : n.getName();
  }

  private static ConvLayer of(GraphView g, NodeProto conv) {
    String w = conv.getInput(1);
    TensorProto t = g.constantValue(w).orElseThrow(() -> new GradCamException("The weights '" + w + "' of Conv "
        + GraphView.describe(conv) + " are computed at run time, not stored in the model: there are no kernels to show"));
    long[] dims = Tensors.dims(t);
    if (dims.length != 4) {
      throw new GradCamException("Conv " + GraphView.describe(conv) + " has weights of shape " + Arrays.toString(dims)
          + "; only 2-D convolutions (weights [M, C/group, kh, kw]) have kernels to show as tiles");
    }
    int group = (int) Attrs.getInt(conv, "group", 1);
    return new ConvLayer(label(conv), w, conv.getOutput(0), dims, group, Tensors.toFloats(t));
  }
}
