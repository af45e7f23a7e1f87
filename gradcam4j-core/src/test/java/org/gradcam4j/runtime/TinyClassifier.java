package org.gradcam4j.runtime;

import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.testing.Models;

/** Conv -> Relu -> GlobalAveragePool -> Flatten -> Gemm with 4 classes, any image size. */
final class TinyClassifier {
  private TinyClassifier() {}

  static OnnxModel model() {
    GraphBuilder b = new GraphBuilder("tiny", 17);
    String x = b.input("image", DataType.FLOAT, "N", 3L, "H", "W");
    String conv = b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.1f, 4, 3, 3, 3))
        .attrInts("pads", 1, 1, 1, 1).outputNamed("conv_out");
    String act = b.op("Relu", conv);
    String pooled = b.op("GlobalAveragePool", act);
    String flat = b.node("Flatten").inputs(pooled).output();
    String logits = b.node("Gemm").inputs(flat, Models.weights(b, "fc", 2, 0.1f, 4, 4)).attr("transB", 1L)
        .outputNamed("logits");
    b.output(logits, DataType.FLOAT, "N", 4L);
    return OnnxModel.of(b.buildModel(), "tiny");
  }
}
