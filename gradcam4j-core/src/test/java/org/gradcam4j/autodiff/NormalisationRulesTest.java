package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * BatchNormalization (input, scale and bias gradients), LRN (several window sizes, with alpha large
 * enough that the cross-channel term matters), ReduceMean and ReduceSum (axes as attribute and
 * as input, keepdims 0 and 1, negative axes, all axes), LayerNormalization (last axis as vision
 * transformers use it, two axes, scale and bias gradients).
 */
class NormalisationRulesTest {
  private static final long[] S = {2, 3, 4, 5};
  private static final long[] SMALL = {2, 2, 1, 3};

  static List<RuleCase> cases() {
    return List.of(
        of("BatchNormalization", "4-D", gaussian(1, S), NormalisationRulesTest::batchNorm),
        of("BatchNormalization", "4-D", gaussian(2, S), NormalisationRulesTest::batchNorm).weight("scale"),
        of("BatchNormalization", "4-D", gaussian(3, S), NormalisationRulesTest::batchNorm).weight("bias"),
        of("BatchNormalization", "2-D", gaussian(4, 2, 3), NormalisationRulesTest::batchNorm),
        of("BatchNormalization", "2-D", gaussian(5, 2, 3), NormalisationRulesTest::batchNorm).weight("scale"),
        of("BatchNormalization", "opset 7, spatial 1", 7, gaussian(6, S),
            (b, x) -> batchNormNode(b, x).attr("spatial", 1L).output()),
        of("LRN", "size 3", gaussian(7, 2, 6, 3, 3), (b, x) -> lrn(b, x, 3)),
        // ONNX Runtime only runs LRN with an odd size on 4-D inputs.
        of("LRN", "size 5", gaussian(8, 2, 7, 2, 3), (b, x) -> lrn(b, x, 5)),
        of("LRN", "size 1", gaussian(9, 2, 3, 2, 3), (b, x) -> lrn(b, x, 1)),
        of("LRN", "defaults", gaussian(10, 2, 6, 3, 3), (b, x) -> b.node("LRN").inputs(x).attr("size", 3L).output()),
        of("ReduceMean", "spatial axes, keepdims", gaussian(11, S),
            (b, x) -> b.node("ReduceMean").inputs(b.mul(x, x)).attrInts("axes", 2, 3).output()),
        of("ReduceMean", "one negative axis, keepdims 0", gaussian(12, S),
            (b, x) -> b.node("ReduceMean").inputs(b.mul(x, x)).attrInts("axes", -3).attr("keepdims", 0L).output()),
        of("ReduceMean", "opset 18 axes input, keepdims 0", 18, gaussian(13, S),
            (b, x) -> b.node("ReduceMean").inputs(b.mul(x, x), b.constInts(1, 3)).attr("keepdims", 0L).output()),
        // All axes, the batch included: a [1,1,1,1] mean that scales every sample. The input is small
        // so that the mean's share of each gradient (which shrinks with the element count) stays large.
        of("ReduceMean", "all axes", gaussian(14, SMALL),
            (b, x) -> b.mul(x, b.node("ReduceMean").inputs(b.mul(x, x)).output())),
        of("ReduceMean", "opset 18, all axes, keepdims 0", 18, gaussian(15, SMALL),
            (b, x) -> b.mul(x, b.node("ReduceMean").inputs(b.mul(x, x)).attr("keepdims", 0L).output())),
        of("ReduceSum", "axes input, keepdims 0", gaussian(16, S),
            (b, x) -> b.reduceSum(b.mul(x, x), new long[] {1, -1}, false)),
        of("ReduceSum", "axes input, keepdims", gaussian(17, S), (b, x) -> b.reduceSum(b.mul(x, x), new long[] {2}, true)),
        of("ReduceSum", "all axes", gaussian(18, S), (b, x) -> b.mul(x, b.op("ReduceSum", b.mul(x, x)))),
        of("ReduceSum", "empty axes with noop_with_empty_axes", gaussian(19, S),
            (b, x) -> b.node("ReduceSum").inputs(b.mul(x, x), b.constInts()).attr("noop_with_empty_axes", 1L).output()),
        of("ReduceSum", "opset 11 axes attribute", 11, gaussian(20, S),
            (b, x) -> b.node("ReduceSum").inputs(b.mul(x, x)).attrInts("axes", 2, 3).attr("keepdims", 0L).output()),
        // Squared outputs, so that the gradient reaching the normalisation depends on its values.
        of("LayerNormalization", "tokens, last axis", gaussian(21, 2, 3, 5),
            (b, x) -> squared(b, layerNorm(b, x, -1, 5))),
        of("LayerNormalization", "axis 2 of 4-D, no bias", gaussian(22, 2, 3, 2, 2),
            (b, x) -> squared(b, b.node("LayerNormalization").inputs(x,
                b.initializer("scale", new long[] {2, 2}, new float[] {0.7f, -1.2f, 1.5f, 0.4f}))
                .attr("axis", 2L).attr("epsilon", 1e-2f).output())),
        of("LayerNormalization", "tokens", gaussian(23, 2, 3, 5),
            (b, x) -> squared(b, layerNorm(b, x, -1, 5))).weight("scale"),
        of("LayerNormalization", "tokens", gaussian(24, 2, 3, 5),
            (b, x) -> squared(b, layerNorm(b, x, -1, 5))).weight("bias"));
  }

  private static String layerNorm(GraphBuilder b, String x, long axis, int channels) {
    float[] scale = new float[channels];
    float[] bias = new float[channels];
    for (int k = 0; k < channels; k++) {
      scale[k] = 0.5f + 0.3f * k;
      bias[k] = 0.2f - 0.1f * k;
    }
    return b.node("LayerNormalization").inputs(x, b.initializer("scale", new long[] {channels}, scale),
        b.initializer("bias", new long[] {channels}, bias)).attr("axis", axis).output();
  }

  private static String squared(GraphBuilder b, String y) {
    return b.mul(y, y);
  }

  private static String batchNorm(GraphBuilder b, String x) {
    return batchNormNode(b, x).output();
  }

  private static GraphBuilder.NodeSpec batchNormNode(GraphBuilder b, String x) {
    return b.node("BatchNormalization").inputs(x,
        b.initializer("scale", new long[] {3}, new float[] {0.5f, -1.5f, 2f}),
        b.initializer("bias", new long[] {3}, new float[] {0.1f, 0.2f, -0.3f}),
        b.initializer("mean", new long[] {3}, new float[] {0.3f, -0.2f, 0.1f}),
        b.initializer("var", new long[] {3}, new float[] {0.5f, 2f, 1.2f}))
        .attr("epsilon", 1e-3f);
  }

  private static String lrn(GraphBuilder b, String x, long size) {
    return b.node("LRN").inputs(x).attr("size", size).attr("alpha", 2f).attr("beta", 0.75f).attr("bias", 1.5f)
        .output();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
