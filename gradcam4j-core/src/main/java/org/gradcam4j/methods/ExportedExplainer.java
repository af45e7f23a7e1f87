package org.gradcam4j.methods;

import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.GraphExtension;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.StringStringEntryProto;

/**
 * Turns a compiled Grad-CAM graph into a standalone ONNX explainer that any ONNX Runtime (Python, C++,
 * C#, JavaScript, ...) runs unchanged: heat-maps in production at the cost of inference.
 *
 * <p>Inputs: the model's image input (float [N, 3, H, W], pre-processed as for the model) and
 * {@code seed} (float [N, K]: the weights of the explained functional {@code sum(seed * scores)}, e.g.
 * a one-hot row for one class, negated for a counterfactual map; an all-zero row explains the
 * sample's highest-scoring class, so the prediction is explained in the same single run). Outputs: {@code scores} (float [N, K], the explained tensor) and
 * {@code cam} (float [N, h, w], the Grad-CAM map at the target layer's resolution, after ReLU, not
 * normalised).
 */
public final class ExportedExplainer {
  public static final String SCORES = "scores";
  public static final String CAM = "cam";
  /**
   * The key of the method's extension in the compiled graph; its output {@code cam} [N, h, w] is the map
   * (see {@link ExplanationMethod#exportExtension}).
   */
  public static final String EXTENSION_KEY = "export";

  private ExportedExplainer() {}

  /**
   * What to compile for exporting {@code method} at {@code layer}: the gradient with respect to the
   * layer, and the method's map computed from it.
   *
   * @throws GradCamException when the method cannot be exported; the message names those that can
   */
  public static GradientRequest request(ExplanationMethod method, String scoreTensor, String layer) {
    GraphExtension map = method.exportExtension(layer).orElseThrow(() -> new GradCamException("Only "
        + String.join(", ", Methods.exportable()) + " can be compiled into a standalone graph, not '"
        + method.name() + "'"));
    return GradientRequest.builder(scoreTensor).wrt(layer).extension(EXTENSION_KEY, map).build();
  }

  public static OnnxModel build(GradientGraph g, String methodName, String layer, TensorShape layerShape) {
    ModelProto compiled = g.model().proto();
    GraphBuilder b = new GraphBuilder(compiled.getGraph(), compiled.getOpsetImport(0).getVersion());
    GraphProto.Builder gp = b.graph();
    gp.clearOutput();
    String cam = g.extensionOutputs().get(EXTENSION_KEY + "/" + CamExtension.CAM);
    if (cam == null) {
      throw new IllegalArgumentException("the graph has no extension '" + EXTENSION_KEY + "' with a map output '"
          + CamExtension.CAM + "'");
    }
    String scores2d = b.node("Reshape").inputs(g.scoreOutput(), b.constInts(0, g.classCount())).output();
    b.node("Identity").inputs(scores2d).outputNamed(SCORES);
    boolean generic = g.scoreShape().isBatchDim(0);
    Object n = generic ? "N" : g.scoreShape().dim(0);
    b.output(SCORES, DataType.FLOAT, n, (long) g.classCount());
    // The CAM output keeps its name; declare it with its shape.
    String renamed = cam.equals(CAM) ? cam : b.node("Identity").inputs(cam).outputNamed(CAM);
    b.output(renamed, DataType.FLOAT, n, layerShape.dim(2), layerShape.dim(3));
    // The library feeds the top-1 weight as an input; the exported model derives it from the seed
    // instead (1 for all-zero rows), so it has only the two inputs every ONNX Runtime binding can feed.
    if (g.top1Input() != null) {
      for (int i = 0; i < gp.getInputCount(); i++) {
        if (gp.getInput(i).getName().equals(g.top1Input())) {
          gp.removeInput(i);
          break;
        }
      }
      String magnitude = b.reduceSum(b.op("Abs", g.seedInput()), new long[] {1}, false);
      String isZero = b.op("Equal", magnitude, b.constScalar(0f));
      gp.addNode(org.gradcam4j.onnx.proto.Onnx.NodeProto.newBuilder().setOpType("Cast").setName("top1_from_seed")
          .addInput(isZero).addOutput(g.top1Input())
          .addAttribute(org.gradcam4j.onnx.Attrs.ofInt("to", DataType.FLOAT.code())));
    }
    GraphProto pruned = GradientCompiler.removeDeadNodes(gp.build());
    ModelProto.Builder model = compiled.toBuilder().setGraph(pruned)
        .setDocString("gradcam4j " + methodName + " explainer for layer '" + layer + "'. Inputs: "
            + g.imageInput() + " (image batch), " + GradientCompiler.SEED_INPUT + " [N," + g.classCount()
            + "] (weights of the explained scores; an all-zero row explains the top-scoring class). Outputs: scores [N," + g.classCount()
            + "], cam [N,h,w] (map at layer resolution, after ReLU, not normalised).");
    model.addMetadataProps(entry("gradcam4j.method", methodName));
    model.addMetadataProps(entry("gradcam4j.layer", layer));
    model.addMetadataProps(entry("gradcam4j.score_tensor", g.scoreOutput()));
    model.addMetadataProps(entry("gradcam4j.layer_shape", layerShape.toString()));
    return g.model().withProto(model.build());
  }

  private static StringStringEntryProto entry(String k, String v) {
    return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
  }
}
