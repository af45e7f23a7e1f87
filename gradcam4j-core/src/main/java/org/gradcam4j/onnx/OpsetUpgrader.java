package org.gradcam4j.onnx;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.AttributeProto;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.OperatorSetIdProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * Raises a model's default-domain opset, rewriting the nodes whose signature or meaning changed on
 * the way, so that ops newer than the model (such as ScatterElements with {@code reduction}, opset
 * 16, which the MaxPool gradient needs) can be added to its graph.
 *
 * <p>Covered: every change from opset 7 on that affects the ops found in image classifiers
 * (attributes that became inputs, the Softmax axis semantics of opset 13, Upsample and ImageScaler
 * which were removed, legacy Dropout/BatchNormalization attributes, the RoiAlign default of opset 16).
 * A node that cannot be converted faithfully is reported by name instead of being changed silently.
 */
public final class OpsetUpgrader {
  private OpsetUpgrader() {}

  /** Returns the model at {@code target} (unchanged if it is already at or above it). */
  public static ModelProto upgrade(ModelProto model, long target) {
    long from = currentOpset(model);
    if (from >= target) {
      return model;
    }
    if (from < 1) {
      throw new ModelFormatException("The model does not import the default ONNX operator set");
    }
    Set<String> names = new HashSet<>();
    collectNames(model.getGraph(), names);
    GraphProto graph = new Conversion(from, names).graph(model.getGraph());
    ModelProto.Builder b = model.toBuilder().setGraph(graph).clearOpsetImport();
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      boolean isDefault = o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx");
      b.addOpsetImport(isDefault ? o.toBuilder().setVersion(target).build() : o);
    }
    b.setIrVersion(Math.max(model.getIrVersion(), GraphBuilder.irVersionFor(target)));
    return b.build();
  }

  public static long currentOpset(ModelProto model) {
    for (OperatorSetIdProto o : model.getOpsetImportList()) {
      if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
        return o.getVersion();
      }
    }
    return 0;
  }

  private static void collectNames(GraphProto g, Set<String> names) {
    g.getInputList().forEach(v -> names.add(v.getName()));
    g.getInitializerList().forEach(t -> names.add(t.getName()));
    for (NodeProto n : g.getNodeList()) {
      names.addAll(n.getOutputList());
      names.add(n.getName());
      for (AttributeProto a : n.getAttributeList()) {
        if (a.hasG()) {
          collectNames(a.getG(), names);
        }
        a.getGraphsList().forEach(sub -> collectNames(sub, names));
      }
    }
  }

  /** One upgrade run; rewrites graphs node by node. */
  private static final class Conversion {
    private final long from;
    private final Set<String> names;
    private int counter;
    private GraphProto.Builder out;

    Conversion(long from, Set<String> names) {
      this.from = from;
      this.names = names;
    }

    GraphProto graph(GraphProto g) {
      GraphProto.Builder saved = out;
      out = g.toBuilder().clearNode();
      for (NodeProto n : g.getNodeList()) {
        try {
          node(withConvertedSubgraphs(n), g);
        } catch (IndexOutOfBoundsException e) {
          // A conversion reads the inputs and outputs that the operator's specification requires.
          throw new ModelFormatException("The model is malformed: node '" + n.getName() + "' (" + n.getOpType()
              + ") has " + n.getInputCount() + " input(s) and " + n.getOutputCount()
              + " output(s), fewer than its operator requires", e);
        }
      }
      GraphProto result = out.build();
      out = saved;
      return result;
    }

    private NodeProto withConvertedSubgraphs(NodeProto n) {
      NodeProto.Builder b = null;
      for (int i = 0; i < n.getAttributeCount(); i++) {
        AttributeProto a = n.getAttribute(i);
        if (a.hasG() || a.getGraphsCount() > 0) {
          AttributeProto.Builder ab = a.toBuilder();
          if (a.hasG()) {
            ab.setG(graph(a.getG()));
          }
          for (int j = 0; j < a.getGraphsCount(); j++) {
            ab.setGraphs(j, graph(a.getGraphs(j)));
          }
          b = b == null ? n.toBuilder() : b;
          b.setAttribute(i, ab);
        }
      }
      return b == null ? n : b.build();
    }

    private String fresh(String hint) {
      String name;
      do {
        name = "upgraded/" + hint + "_" + (++counter);
      } while (!names.add(name));
      return name;
    }

    private String constInts(long... v) {
      String name = fresh("ints");
      out.addInitializer(Tensors.int64s(name, new long[] {v.length}, v));
      return name;
    }

    private String constFloat(float v) {
      String name = fresh("float");
      out.addInitializer(Tensors.floats(name, new long[0], new float[] {v}));
      return name;
    }

    private String constFloats(float[] v) {
      String name = fresh("floats");
      out.addInitializer(Tensors.floats(name, new long[] {v.length}, v));
      return name;
    }

    private void emit(NodeProto n) {
      out.addNode(n);
    }

    private NodeProto.Builder derived(NodeProto n, String opType, String suffix) {
      return NodeProto.newBuilder().setOpType(opType)
          .setName(n.getName().isEmpty() ? fresh(opType) : n.getName() + suffix);
    }

    private void node(NodeProto n, GraphProto g) {
      if (!(n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx"))) {
        emit(n);
        return;
      }
      n = Attrs.without(n, "consumed_inputs");
      switch (n.getOpType()) {
        case "Softmax", "LogSoftmax", "Hardmax" -> softmax(n);
        case "Squeeze", "Unsqueeze" -> attributeToInput(n, "axes", 13, true);
        case "ReduceSum" -> attributeToInput(n, "axes", 13, true);
        case "Split" -> attributeToInput(n, "split", 13, true);
        case "Clip" -> clip(n);
        case "Pad" -> pad(n);
        case "Slice" -> slice(n);
        case "Reshape" -> attributeToInput(n, "shape", 5, false);
        case "Dropout" -> dropout(n, g);
        case "BatchNormalization" -> batchNorm(n, g);
        case "Upsample" -> upsample(n, g);
        case "Resize" -> resize(n, g);
        case "ImageScaler" -> imageScaler(n);
        case "Scatter" -> emit(n.toBuilder().setOpType("ScatterElements").build());
        case "Concat" -> emit(from < 4 && !Attrs.has(n, "axis") ? Attrs.with(n, Attrs.ofInt("axis", 1)) : n);
        case "Gemm" -> emit(Attrs.without(n, "broadcast"));
        case "Add", "Sub", "Mul", "Div", "Pow", "And", "Or", "Xor", "Equal", "Greater", "Less",
            "Sum", "Max", "Min", "Mean" -> legacyBroadcast(n);
        case "Cast" -> cast(n);
        case "RoiAlign" -> emit(from < 16 && !Attrs.has(n, "coordinate_transformation_mode")
            ? Attrs.with(n, Attrs.ofString("coordinate_transformation_mode", "output_half_pixel")) : n);
        default -> emit(n);
      }
    }

    /** Before 13 these ops flattened the input to 2-D at {@code axis} and normalised each row. */
    private void softmax(NodeProto n) {
      if (from >= 13) {
        emit(n);
        return;
      }
      long axis = Attrs.getInt(n, "axis", 1);
      String x = n.getInput(0);
      String flat = fresh("flat");
      emit(derived(n, "Flatten", "/flatten").addInput(x).addOutput(flat)
          .addAttribute(Attrs.ofInt("axis", axis)).build());
      String y2 = fresh("rows");
      emit(derived(n, n.getOpType(), "").addInput(flat).addOutput(y2)
          .addAttribute(Attrs.ofInt("axis", 1)).build());
      String shape = fresh("shape");
      emit(derived(n, "Shape", "/shape").addInput(x).addOutput(shape).build());
      emit(derived(n, "Reshape", "/reshape").addInput(y2).addInput(shape).addOutput(n.getOutput(0)).build());
    }

    private void attributeToInput(NodeProto n, String attr, long sinceOpset, boolean optional) {
      long[] v = Attrs.getInts(n, attr);
      if (from >= sinceOpset || v == null) {
        if (from < sinceOpset && !optional) {
          throw unsupported(n, "it has neither a '" + attr + "' attribute nor input");
        }
        emit(n);
        return;
      }
      NodeProto.Builder b = Attrs.without(n, attr).toBuilder();
      while (b.getInputCount() < 1) {
        b.addInput("");
      }
      b.addInput(constInts(v));
      emit(b.build());
    }

    private void clip(NodeProto n) {
      if (from >= 11) {
        emit(n);
        return;
      }
      NodeProto.Builder b = Attrs.without(Attrs.without(n, "min"), "max").toBuilder();
      b.addInput(Attrs.has(n, "min") ? constFloat(Attrs.getFloat(n, "min", 0)) : "");
      if (Attrs.has(n, "max")) {
        b.addInput(constFloat(Attrs.getFloat(n, "max", 0)));
      }
      emit(b.build());
    }

    private void pad(NodeProto n) {
      if (from >= 11) {
        emit(n);
        return;
      }
      long[] pads = Attrs.getInts(n, "pads");
      if (pads == null) {
        pads = Attrs.getInts(n, "paddings");
      }
      if (pads == null) {
        throw unsupported(n, "it has no 'pads' attribute");
      }
      float value = Attrs.getFloat(n, "value", 0f);
      NodeProto.Builder b = Attrs.without(Attrs.without(Attrs.without(n, "pads"), "paddings"), "value").toBuilder();
      b.addInput(constInts(pads));
      b.addInput(constFloat(value));
      emit(b.build());
    }

    private void slice(NodeProto n) {
      if (from >= 10) {
        emit(n);
        return;
      }
      long[] starts = Attrs.getInts(n, "starts");
      long[] ends = Attrs.getInts(n, "ends");
      long[] axes = Attrs.getInts(n, "axes");
      if (starts == null || ends == null) {
        throw unsupported(n, "it has no 'starts'/'ends' attributes");
      }
      NodeProto.Builder b = NodeProto.newBuilder(n).clearAttribute();
      b.addInput(constInts(starts)).addInput(constInts(ends));
      if (axes != null) {
        b.addInput(constInts(axes));
      }
      emit(b.build());
    }

    private void dropout(NodeProto n, GraphProto g) {
      if (from >= 12) {
        emit(n);
        return;
      }
      // At inference Dropout is the identity; the legacy ratio/is_test attributes and the mask
      // output (whose type changed in opset 10) are dropped.
      if (n.getOutputCount() > 1 && !n.getOutput(1).isEmpty() && isUsed(n.getOutput(1), g)) {
        throw unsupported(n, "its mask output is used by other nodes");
      }
      emit(derived(n, "Identity", "").addInput(n.getInput(0)).addOutput(n.getOutput(0)).build());
    }

    private void batchNorm(NodeProto n, GraphProto g) {
      if (from >= 14) {
        emit(n);
        return;
      }
      if (Attrs.getInt(n, "spatial", 1) == 0) {
        throw unsupported(n, "it normalises per element (spatial=0), which later opsets dropped");
      }
      if (Attrs.getInt(n, "is_test", 1) == 0 && from < 7) {
        throw unsupported(n, "it is in training mode (is_test=0)");
      }
      for (int i = 1; i < n.getOutputCount(); i++) {
        if (!n.getOutput(i).isEmpty() && isUsed(n.getOutput(i), g)) {
          throw unsupported(n, "its training-mode statistics outputs are used");
        }
      }
      NodeProto.Builder b = Attrs.without(Attrs.without(n, "spatial"), "is_test").toBuilder();
      b.clearOutput().addOutput(n.getOutput(0));
      emit(b.build());
    }

    /** Upsample (removed in opset 10) is Resize with asymmetric coordinates. */
    private void upsample(NodeProto n, GraphProto g) {
      String mode = Attrs.getString(n, "mode", "nearest");
      String scales;
      float[] known;
      if (n.getInputCount() > 1 && !n.getInput(1).isEmpty()) {
        scales = n.getInput(1);
        known = constantFloats(scales, g);
      } else {
        known = Attrs.getFloats(n, "scales");
        if (known == null) {
          throw unsupported(n, "it has no scales");
        }
        scales = constFloats(known);
      }
      // Upsample's scales are at least 1, so where they are unknown, nearest rounding is floor.
      emitResize(n, n.getInput(0), scales, known, mode.equals("bilinear") ? "linear" : mode);
    }

    private void resize(NodeProto n, GraphProto g) {
      if (from >= 11) {
        if (Attrs.getString(n, "coordinate_transformation_mode", "").equals("tf_half_pixel_for_nn")) {
          throw unsupported(n, "coordinate_transformation_mode 'tf_half_pixel_for_nn' was removed in opset 13");
        }
        emit(n);
        return;
      }
      String mode = Attrs.getString(n, "mode", "nearest");
      float[] known = constantFloats(n.getInput(1), g);
      if (known == null && mode.equals("nearest")) {
        throw unsupported(n, "its scales are computed at run time, and before opset 11 nearest resizing rounds"
            + " differently on axes that shrink and axes that grow");
      }
      emitResize(n, n.getInput(0), n.getInput(1), known, mode);
    }

    /**
     * A Resize with the coordinates of opset 10. Its nearest rounding, as ONNX Runtime implements
     * it, truncates source positions on axes that grow and rounds them up on axes that shrink; no
     * single nearest_mode does both, so mixed scales become two Resize nodes, one per kind of axis
     * (nearest resizing treats every axis on its own). {@code scales} may be null only when all
     * axes grow or keep their size.
     */
    private void emitResize(NodeProto n, String x, String scalesInput, float[] scales, String mode) {
      boolean shrinks = false;
      boolean grows = false;
      for (int i = 0; scales != null && i < scales.length; i++) {
        shrinks |= scales[i] < 1f;
        grows |= scales[i] > 1f;
      }
      if (!mode.equals("nearest") || !shrinks) {
        emit(resizeNode(n, n.getName(), x, scalesInput, mode, "floor", n.getOutput(0)));
      } else if (!grows) {
        emit(resizeNode(n, n.getName(), x, scalesInput, mode, "ceil", n.getOutput(0)));
      } else {
        float[] shrinking = new float[scales.length];
        float[] growing = new float[scales.length];
        for (int i = 0; i < scales.length; i++) {
          shrinking[i] = Math.min(scales[i], 1f);
          growing[i] = Math.max(scales[i], 1f);
        }
        String shrunk = fresh("shrunk");
        String name = n.getName().isEmpty() ? fresh("Resize") : n.getName();
        emit(resizeNode(n, name + "/shrink", x, constFloats(shrinking), mode, "ceil", shrunk));
        emit(resizeNode(n, name, shrunk, constFloats(growing), mode, "floor", n.getOutput(0)));
      }
    }

    private static NodeProto resizeNode(NodeProto n, String name, String x, String scales, String mode,
        String nearestMode, String output) {
      NodeProto.Builder b = NodeProto.newBuilder().setOpType("Resize").setName(name)
          .addInput(x).addInput("").addInput(scales).addOutput(output)
          .addAttribute(Attrs.ofString("mode", mode))
          .addAttribute(Attrs.ofString("coordinate_transformation_mode", "asymmetric"));
      if (mode.equals("nearest")) {
        b.addAttribute(Attrs.ofString("nearest_mode", nearestMode));
      }
      return b.build();
    }

    /** The values of a float tensor known before run time in graph g (initializer or Constant), or null. */
    private static float[] constantFloats(String tensor, GraphProto g) {
      for (TensorProto t : g.getInitializerList()) {
        if (t.getName().equals(tensor)) {
          return Tensors.toFloats(t);
        }
      }
      for (NodeProto p : g.getNodeList()) {
        if (p.getOpType().equals("Constant") && p.getOutputList().contains(tensor)) {
          return GraphView.constantNodeValue(p).map(Tensors::toFloats).orElse(null);
        }
      }
      return null;
    }

    /** ImageScaler (removed in opset 10): y = scale * x + bias[c]. */
    private void imageScaler(NodeProto n) {
      float scale = Attrs.getFloat(n, "scale", 1f);
      float[] bias = Attrs.getFloats(n, "bias");
      String scaled = fresh("scaled");
      emit(derived(n, "Mul", "/scale").addInput(n.getInput(0)).addInput(constFloat(scale))
          .addOutput(bias == null ? n.getOutput(0) : scaled).build());
      if (bias != null) {
        String b = fresh("bias");
        out.addInitializer(Tensors.floats(b, new long[] {bias.length, 1, 1}, bias));
        emit(derived(n, "Add", "/bias").addInput(scaled).addInput(b).addOutput(n.getOutput(0)).build());
      }
    }

    private void legacyBroadcast(NodeProto n) {
      if (from >= 7 || !Attrs.has(n, "broadcast")) {
        emit(n);
        return;
      }
      if (Attrs.has(n, "axis")) {
        throw unsupported(n, "it uses the pre-opset-7 'axis' broadcasting, which has no modern equivalent");
      }
      emit(Attrs.without(n, "broadcast"));
    }

    private void cast(NodeProto n) {
      Attrs.find(n, "to").ifPresent(a -> {
        if (a.getType() == AttributeProto.AttributeType.STRING) {
          throw unsupported(n, "its 'to' attribute is a type name (opset < 6)");
        }
      });
      emit(n);
    }

    private static boolean isUsed(String tensor, GraphProto g) {
      for (NodeProto other : g.getNodeList()) {
        if (other.getInputList().contains(tensor)) {
          return true;
        }
      }
      return g.getOutputList().stream().anyMatch(v -> v.getName().equals(tensor));
    }

    private ModelFormatException unsupported(NodeProto n, String why) {
      return new ModelFormatException("Cannot raise the model from opset " + from + ": "
          + GraphView.describe(n) + " cannot be converted because " + why);
    }
  }

  /** Ops whose conversion this class implements, for documentation and tests. */
  public static List<String> convertedOps() {
    return List.of("Softmax", "LogSoftmax", "Hardmax", "Squeeze", "Unsqueeze", "ReduceSum", "Split",
        "Clip", "Pad", "Slice", "Reshape", "Dropout", "BatchNormalization", "Upsample", "Resize",
        "ImageScaler", "Scatter", "Concat", "Gemm", "Cast", "RoiAlign");
  }
}
