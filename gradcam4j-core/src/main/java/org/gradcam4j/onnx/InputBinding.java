package org.gradcam4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Fixes the run-time inputs of a multi-input model that are not the image (a question's tokens, an
 * image size, a mask) to given values, so that the model has one input left, the image, and every
 * method runs on it unchanged. A value whose first dimension is 1 where the model declares a batch
 * dimension is repeated for every image of a batch (an Expand to the image's batch size).
 */
public final class InputBinding {
  private InputBinding() {}

  /** A value for an input: its shape and its values (converted to the input's type). */
  public record Value(long[] shape, float[] data) {}

  /**
   * The model with each input of {@code values} replaced by its value.
   *
   * @param imageInput the image input, which stays, or {@code null} when it is the only input left
   */
  public static ModelProto bind(ModelProto model, Map<String, Value> values, String imageInput) {
    GraphProto g = model.getGraph();
    List<String> inputs = g.getInputList().stream().map(ValueInfoProto::getName)
        .filter(n -> g.getInitializerList().stream().noneMatch(t -> t.getName().equals(n))).toList();
    for (String name : values.keySet()) {
      if (!inputs.contains(name)) {
        throw new GradCamException("The model has no input '" + name + "' (--input); its inputs are: "
            + String.join(", ", inputs));
      }
    }
    if (imageInput != null && !inputs.contains(imageInput)) {
      throw new GradCamException("The model has no input '" + imageInput + "' (--image-input); its inputs are: "
          + String.join(", ", inputs));
    }
    if (imageInput != null && values.containsKey(imageInput)) {
      throw new GradCamException("Input '" + imageInput + "' is the image input; it cannot also be given a value");
    }
    List<String> left = inputs.stream().filter(n -> !values.containsKey(n)).toList();
    if (imageInput != null && left.size() > 1) {
      List<String> missing = left.stream().filter(n -> !n.equals(imageInput)).toList();
      throw new GradCamException("The model's inputs " + String.join(", ", missing) + " need values besides the image"
          + " input '" + imageInput + "': give each with --input NAME=FILE.npy (or .json)");
    }
    if (values.isEmpty()) {
      return model;
    }
    String image = imageInput != null ? imageInput : left.size() == 1 ? left.get(0) : null;
    GraphProto.Builder gb = g.toBuilder().clearInput().clearNode();
    List<NodeProto> front = new ArrayList<>();
    for (ValueInfoProto in : g.getInputList()) {
      Value v = values.get(in.getName());
      if (v == null) {
        gb.addInput(in);
        continue;
      }
      long[] declared = declaredDims(in);
      checkShape(in.getName(), declared, v.shape());
      boolean repeat = image != null && declared.length > 0 && declared[0] < 0 && v.shape()[0] == 1;
      String constant = repeat ? in.getName() + "/value" : in.getName();
      gb.addInitializer(tensor(constant, in, v));
      if (repeat) {
        front.addAll(expandToBatch(constant, in.getName(), image, v.shape()));
      }
    }
    front.forEach(gb::addNode);
    gb.addAllNode(g.getNodeList());
    return model.toBuilder().setGraph(gb).build();
  }

  private static long[] declaredDims(ValueInfoProto in) {
    var shape = in.getType().getTensorType().getShape();
    long[] dims = new long[shape.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = shape.getDim(i).hasDimValue() && shape.getDim(i).getDimValue() > 0 ? shape.getDim(i).getDimValue() : -1;
    }
    return dims;
  }

  private static void checkShape(String name, long[] declared, long[] given) {
    boolean fits = declared.length == given.length;
    for (int i = 0; fits && i < declared.length; i++) {
      fits = declared[i] < 0 || declared[i] == given[i];
    }
    if (!fits) {
      throw new GradCamException("The value given for input '" + name + "' has shape " + Arrays.toString(given)
          + " but the model declares " + Arrays.toString(declared) + " (-1 = any)");
    }
  }

  private static TensorProto tensor(String name, ValueInfoProto in, Value v) {
    int type = in.getType().getTensorType().getElemType();
    if (type == TensorProto.DataType.FLOAT_VALUE) {
      return Tensors.floats(name, v.shape(), v.data());
    }
    long[] longs = new long[v.data().length];
    for (int i = 0; i < longs.length; i++) {
      longs[i] = Math.round(v.data()[i]);
    }
    if (type == TensorProto.DataType.INT64_VALUE) {
      return Tensors.int64s(name, v.shape(), longs);
    }
    if (type == TensorProto.DataType.INT32_VALUE) {
      TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(type);
      for (long d : v.shape()) {
        t.addDims(d);
      }
      for (long x : longs) {
        t.addInt32Data(Math.toIntExact(x));
      }
      return t.build();
    }
    throw new GradCamException("Input '" + in.getName() + "' has element type " + TensorProto.DataType.forNumber(type)
        + "; --input values can be given for float, int64 and int32 inputs");
  }

  /** Nodes computing {@code output} = {@code constant} repeated along dimension 0 to the image's batch size. */
  private static List<NodeProto> expandToBatch(String constant, String output, String image, long[] shape) {
    String prefix = output + "/batch/";
    long[] rest = Arrays.copyOfRange(shape, 1, shape.length);
    List<NodeProto> nodes = new ArrayList<>();
    nodes.add(NodeProto.newBuilder().setOpType("Shape").setName(prefix + "shape").addInput(image)
        .addOutput(prefix + "image_shape").addAttribute(Attrs.ofInt("end", 1)).build());
    nodes.add(NodeProto.newBuilder().setOpType("Constant").setName(prefix + "rest").addOutput(prefix + "rest")
        .addAttribute(org.gradcam4j.onnx.proto.Onnx.AttributeProto.newBuilder().setName("value")
            .setType(org.gradcam4j.onnx.proto.Onnx.AttributeProto.AttributeType.TENSOR)
            .setT(Tensors.int64s(prefix + "rest", new long[] {rest.length}, rest))).build());
    nodes.add(NodeProto.newBuilder().setOpType("Concat").setName(prefix + "concat").addInput(prefix + "image_shape")
        .addInput(prefix + "rest").addOutput(prefix + "target").addAttribute(Attrs.ofInt("axis", 0)).build());
    nodes.add(NodeProto.newBuilder().setOpType("Expand").setName(prefix + "expand").addInput(constant)
        .addInput(prefix + "target").addOutput(output).build());
    return nodes;
  }
}
