package org.gradcam4j.onnx;

import java.util.HashSet;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorShapeProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Channels-last models (image input [N, H, W, 3], as Keras/TensorFlow exports have) get a
 * channels-first input of the same name, [N, 3, H, W], followed by a Transpose to the layout the
 * rest of the graph expects. Images are then fed as for any other model, input gradients come back
 * [N, 3, H, W] through the Transpose's backward rule, and the maps equal those of the model's
 * channels-first twin.
 */
public final class ChannelsLast {
  private ChannelsLast() {}

  /** Whether an input's declared shape is an image batch with its 3 channels last. */
  public static boolean isChannelsLast(ValueInfoProto input) {
    TensorShapeProto shape = input.getType().getTensorType().getShape();
    return shape.getDimCount() == 4 && dim(shape, 3) == 3 && dim(shape, 1) != 3;
  }

  private static long dim(TensorShapeProto shape, int i) {
    return shape.getDim(i).hasDimValue() ? shape.getDim(i).getDimValue() : -1;
  }

  /** The model with its channels-last image input turned channels-first (unchanged when it has none). */
  public static ModelProto toChannelsFirst(ModelProto model) {
    GraphProto g = model.getGraph();
    Set<String> weights = new HashSet<>();
    g.getInitializerList().forEach(t -> weights.add(t.getName()));
    var images = g.getInputList().stream().filter(v -> !weights.contains(v.getName())).toList();
    if (images.size() != 1 || !isChannelsLast(images.get(0))) {
      return model;
    }
    ValueInfoProto nhwc = images.get(0);
    String name = nhwc.getName();
    String inner = name + "/channels_last";
    TensorShapeProto s = nhwc.getType().getTensorType().getShape();
    TensorShapeProto nchw = TensorShapeProto.newBuilder().addDim(s.getDim(0)).addDim(s.getDim(3))
        .addDim(s.getDim(1)).addDim(s.getDim(2)).build();
    ValueInfoProto.Builder input = nhwc.toBuilder();
    input.getTypeBuilder().getTensorTypeBuilder().setShape(nchw);
    GraphProto.Builder gb = g.toBuilder().clearNode();
    for (int i = 0; i < gb.getInputCount(); i++) {
      if (gb.getInput(i).getName().equals(name)) {
        gb.setInput(i, input);
      }
    }
    gb.addNode(NodeProto.newBuilder().setOpType("Transpose").setName(inner).addInput(name).addOutput(inner)
        .addAttribute(Attrs.ofInts("perm", 0, 2, 3, 1)));
    for (NodeProto n : g.getNodeList()) {
      NodeProto.Builder nb = n.toBuilder();
      for (int i = 0; i < nb.getInputCount(); i++) {
        if (nb.getInput(i).equals(name)) {
          nb.setInput(i, inner);
        }
      }
      gb.addNode(nb);
    }
    return model.toBuilder().setGraph(gb).build();
  }
}
