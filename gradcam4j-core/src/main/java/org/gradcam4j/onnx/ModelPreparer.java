package org.gradcam4j.onnx;

import java.util.HashSet;
import java.util.Set;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;

/**
 * Normalises a model before gradcam4j analyses or extends it:
 * <ul>
 *   <li>initializers are removed from the graph inputs (older exporters list weights as inputs,
 *       which stops ONNX Runtime from constant-folding them and makes every weight overridable);
 *   <li>the default-domain opset is raised to at least {@link #MIN_OPSET}, the version the backward
 *       rules are written for (see {@link OpsetUpgrader}).
 * </ul>
 * Tensor names are kept, so names the user knows from the original file stay valid.
 */
public final class ModelPreparer {
  /** ScatterElements with reduction="add" (MaxPool's gradient) needs opset 16. */
  public static final long MIN_OPSET = 16;

  private ModelPreparer() {}

  public static OnnxModel prepare(OnnxModel model) {
    InitializerCheck.check(model.proto().getGraph());
    ModelProto proto = withoutInitializerInputs(model.proto());
    proto = OpsetUpgrader.upgrade(proto, MIN_OPSET);
    return model.withProto(proto);
  }

  static ModelProto withoutInitializerInputs(ModelProto model) {
    GraphProto g = model.getGraph();
    Set<String> inits = new HashSet<>();
    for (TensorProto t : g.getInitializerList()) {
      inits.add(t.getName());
    }
    boolean any = g.getInputList().stream().anyMatch(v -> inits.contains(v.getName()));
    if (!any) {
      return model;
    }
    GraphProto.Builder gb = g.toBuilder().clearInput();
    for (ValueInfoProto v : g.getInputList()) {
      if (!inits.contains(v.getName())) {
        gb.addInput(v);
      }
    }
    return model.toBuilder().setGraph(gb).setIrVersion(Math.max(4, model.getIrVersion())).build();
  }
}
