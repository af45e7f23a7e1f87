package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conv (input, weight and bias gradients for strides, pads, groups, dilations and auto_pad) and
 * ConvTranspose (input and bias gradients).
 */
class ConvRuleTest {
  static List<RuleCase> cases() {
    return List.of(
        of("Conv", "plain with bias", gaussian(3, 2, 3, 6, 6), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 4, 3, 3, 3), Models.weights(b, "bias", 2, 0.3f, 4))
            .attrInts("pads", 1, 1, 1, 1).output()),
        of("Conv", "strided with asymmetric pads and leftover rows", gaussian(4, 2, 2, 7, 8), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 3))
            .attrInts("strides", 2, 3).attrInts("pads", 0, 1, 1, 2).output()),
        of("Conv", "grouped and dilated", gaussian(5, 1, 4, 7, 7), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 2, 3, 3))
            .attr("group", 2L).attrInts("dilations", 2, 2).attrInts("pads", 2, 2, 2, 2).output()),
        of("Conv", "depthwise, strided", gaussian(6, 2, 3, 6, 6), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 1, 3, 3))
            .attr("group", 3L).attrInts("strides", 2, 2).attrInts("pads", 0, 0, 1, 1).output()),
        of("Conv", "auto_pad SAME_UPPER", gaussian(7, 1, 2, 7, 7), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 2, 2, 4, 4))
            .attr("auto_pad", "SAME_UPPER").attrInts("strides", 2, 2).output()),
        of("Conv", "1-D", gaussian(8, 2, 3, 9), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 2, 3, 3)).attrInts("strides", 2).attrInts("pads", 1, 0).output()),
        of("Conv", "strided with pads", gaussian(9, 2, 2, 6, 5), ConvRuleTest::stridedWithBias).weight("w"),
        of("Conv", "strided with pads", gaussian(10, 2, 2, 6, 5), ConvRuleTest::stridedWithBias).weight("bias"),
        of("Conv", "depthwise", gaussian(11, 2, 3, 6, 6), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 1, 3, 3))
            .attr("group", 3L).attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output()).weight("w"),
        // Stride 1: the adjoint computed as a convolution, with grouped weights exchanged per group
        // and pads that turn negative (cropping).
        of("Conv", "depthwise, stride 1, asymmetric pads", gaussian(20, 2, 4, 6, 7), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 4, 1, 3, 2)).attr("group", 4L).attrInts("pads", 1, 0, 2, 1)
            .output()),
        of("Conv", "grouped, strided, dilated, asymmetric pads", gaussian(17, 1, 4, 9, 8), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 2, 3, 3)).attr("group", 2L).attrInts("strides", 2, 3)
            .attrInts("dilations", 2, 1).attrInts("pads", 1, 0, 2, 2).output()),
        // Strided depthwise: the output gradient is spread out with zeros, then convolved at stride 1.
        of("Conv", "depthwise, stride 2 and 3, dilated, asymmetric pads, unused rows", gaussian(21, 2, 4, 10, 9),
            (b, x) -> b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.3f, 4, 1, 3, 2)).attr("group", 4L)
                .attrInts("strides", 2, 3).attrInts("dilations", 2, 1).attrInts("pads", 1, 0, 0, 2).output()),
        of("Conv", "depthwise, stride 2, pads wider than the kernel", gaussian(22, 1, 3, 6, 6),
            (b, x) -> b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 1, 2, 2)).attr("group", 3L)
                .attrInts("strides", 2, 2).attrInts("pads", 3, 0, 0, 3).output()),
        of("Conv", "pads wider than the kernel", gaussian(18, 2, 2, 5, 5), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 1, 1)).attrInts("pads", 1, 2, 0, 1).output()),
        of("Conv", "depthwise 1-D, stride 3, unused last element", gaussian(19, 2, 3, 10), (b, x) -> b.node("Conv")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 1, 3)).attr("group", 3L).attrInts("strides", 3).output()),
        of("ConvTranspose", "stride 2, pads, output_padding", gaussian(12, 2, 3, 4, 5),
            ConvRuleTest::transposedWithBias),
        of("ConvTranspose", "stride 2, pads, output_padding", gaussian(13, 2, 3, 4, 5),
            ConvRuleTest::transposedWithBias).weight("bias"),
        // output_padding may reach the stride when the dilation is larger: the adjoint convolution
        // then yields rows the input does not have, which are cut off. (1-D only: ONNX Runtime 1.23's
        // 2-D ConvTranspose computes wrong values, NaN included, for such an output_padding.)
        of("ConvTranspose", "1-D, output_padding beyond stride and pads", gaussian(14, 2, 2, 5),
            (b, x) -> b.node("ConvTranspose").inputs(x, Models.weights(b, "w", 1, 0.3f, 2, 3, 3))
                .attrInts("dilations", 3).attrInts("output_padding", 2).attrInts("pads", 0, 1).output()),
        of("ConvTranspose", "grouped and dilated", gaussian(15, 1, 4, 5, 5), (b, x) -> b.node("ConvTranspose")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 4, 3, 3, 2)).attr("group", 2L).attrInts("dilations", 2, 1)
            .attrInts("pads", 1, 0, 2, 1).output()),
        of("ConvTranspose", "1-D", gaussian(16, 2, 3, 6), (b, x) -> b.node("ConvTranspose")
            .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 4)).attrInts("strides", 2).attrInts("pads", 1, 2)
            .output()));
  }

  private static String transposedWithBias(GraphBuilder b, String x) {
    return b.node("ConvTranspose")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 3), Models.weights(b, "bias", 2, 0.3f, 2))
        .attrInts("strides", 2, 2).attrInts("pads", 1, 0, 1, 1).attrInts("output_padding", 1, 1).output();
  }

  private static String stridedWithBias(GraphBuilder b, String x) {
    return b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 2), Models.weights(b, "bias", 2, 0.3f, 3))
        .attrInts("strides", 2, 1).attrInts("pads", 1, 0, 0, 1).output();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
