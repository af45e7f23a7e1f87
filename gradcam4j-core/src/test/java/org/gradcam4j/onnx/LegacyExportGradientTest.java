package org.gradcam4j.onnx;

import static org.gradcam4j.testing.GradientCheck.gaussian;

import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * A graph as older exporters (Caffe2, MXNet, early TF and Paddle converters) write it, at opset 9
 * with the attribute forms later opsets replaced: it is upgraded and differentiated end to end, and
 * its input gradient equals central differences of the original model's output.
 */
class LegacyExportGradientTest {
  @Test
  void opset9AttributeFormsAreUpgradedAndDifferentiated() {
    long[] shape = {1, 3, 6, 6};
    ModelProto old = Models.single(9, shape, (b, x) -> {
      String padded = b.node("Pad").inputs(x).attrInts("pads", 0, 0, 1, 1, 0, 0, 1, 1).attr("value", 0.25f).output();
      String conv = b.node("Conv").inputs(padded, Models.weights(b, "w", 3, 0.5f, 4, 3, 3, 3)).output();
      String bn = b.node("BatchNormalization").inputs(conv,
          b.initializer("scale", new long[] {4}, new float[] {0.5f, -1.5f, 2f, 1f}),
          b.initializer("bias", new long[] {4}, new float[] {0.1f, 0.2f, -0.3f, 0f}),
          b.initializer("mean", new long[] {4}, new float[] {0.3f, -0.2f, 0.1f, 0f}),
          b.initializer("var", new long[] {4}, new float[] {0.5f, 2f, 1.2f, 1f}))
          .attr("spatial", 1L).attr("epsilon", 1e-3f).output();
      String clipped = b.node("Clip").inputs(b.op("Tanh", bn)).attr("min", -0.6f).attr("max", 0.7f).output();
      String up = b.node("Upsample").inputs(clipped, b.constFloats(new long[] {4}, new float[] {1, 1, 2, 2}))
          .attr("mode", "nearest").output();
      String sliced = b.node("Slice").inputs(up).attrInts("starts", 1, 2).attrInts("ends", 11, 10)
          .attrInts("axes", 2, 3).output();
      return b.node("Flatten").inputs(b.op("GlobalAveragePool", sliced)).output();
    });
    // A small step: with the Clip bounds inside Tanh's range, a larger one would straddle their kinks.
    GradientCheck.of(old, "x", "y").eps(1e-4).tolerance(2e-2, 2e-3).maxSkippedFraction(0.2).verify(gaussian(4, shape));
  }
}
