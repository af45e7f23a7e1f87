package org.gradcam4j.cli;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.testing.Models;

/** Small classifiers built in Java for CLI tests. */
final class TinyModels {
  private TinyModels() {}

  /** Conv (output "conv_out") -> {@code op} (node "sin_node") -> GlobalAveragePool -> Flatten -> Gemm: 10 classes. */
  static OnnxModel withOpBeforePooling(String op) {
    GraphBuilder b = new GraphBuilder("tiny", 17);
    String x = b.input("image", DataType.FLOAT, "N", 3L, 224L, 224L);
    String conv = b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.1f, 8, 3, 3, 3))
        .attrInts("strides", 4, 4).outputNamed("conv_out");
    String y = b.node(op).inputs(conv).outputNamed("sin_out");
    b.graph().setNode(b.graph().getNodeCount() - 1, b.graph().getNode(b.graph().getNodeCount() - 1).toBuilder().setName("sin_node"));
    String pooled = b.op("GlobalAveragePool", y);
    String flat = b.node("Flatten").inputs(pooled).output();
    String logits = b.node("Gemm").inputs(flat, Models.weights(b, "fc", 2, 0.1f, 10, 8)).attr("transB", 1L).outputNamed("logits");
    b.output(logits, DataType.FLOAT, "N", 10L);
    return OnnxModel.of(b.buildModel(), "tiny");
  }
}
