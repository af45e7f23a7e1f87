package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.distinct;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * MaxPool, AveragePool, GlobalAveragePool and GlobalMaxPool. Max pooling inputs are
 * {@link org.gradcam4j.testing.GradientCheck#distinct} (no ties, so the arg-max cannot switch within
 * the finite-difference step); windows overlap, and pads, ceil_mode and dilations put windows over
 * the border, where the divisor of average pooling depends on count_include_pad.
 */
class PoolingRulesTest {
  static List<RuleCase> cases() {
    return List.of(
        of("MaxPool", "3x3 stride 2, overlapping", distinct(1, 2, 3, 9, 9),
            (b, x) -> b.node("MaxPool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).output()),
        of("MaxPool", "3x3 stride 2, pads 1", distinct(2, 2, 2, 8, 8), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output()),
        of("MaxPool", "asymmetric pads, rectangular kernel", distinct(3, 2, 2, 7, 8),
            (b, x) -> b.node("MaxPool").inputs(x).attrInts("kernel_shape", 2, 3).attrInts("strides", 1, 2)
                .attrInts("pads", 0, 1, 1, 2).output()),
        of("MaxPool", "ceil_mode", distinct(4, 2, 2, 8, 8), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).attr("ceil_mode", 1L).output()),
        of("MaxPool", "ceil_mode with pads", distinct(5, 1, 2, 9, 10), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 3).attrInts("pads", 1, 0, 1, 1)
            .attr("ceil_mode", 1L).output()),
        of("MaxPool", "dilations 2", distinct(6, 2, 2, 7, 7), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 2, 2).attrInts("dilations", 2, 2).attrInts("pads", 1, 0, 0, 1).output()),
        of("MaxPool", "auto_pad SAME_UPPER", distinct(7, 2, 2, 7, 7), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).attr("auto_pad", "SAME_UPPER").output()),
        // The rule needs ScatterElements with reduction (opset 16): an opset-13 model is upgraded first.
        of("MaxPool", "opset 13 model", 13, distinct(30, 2, 2, 7, 7), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output()),
        of("MaxPool", "1-D", distinct(8, 2, 3, 11), (b, x) -> b.node("MaxPool").inputs(x)
            .attrInts("kernel_shape", 3).attrInts("strides", 2).attrInts("pads", 1, 1).output()),
        of("AveragePool", "3x3 stride 2, no pads", gaussian(9, 2, 3, 9, 9), (b, x) -> b.node("AveragePool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).output()),
        of("AveragePool", "pads, count_include_pad 0", gaussian(10, 2, 2, 7, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
                .attrInts("pads", 1, 1, 1, 1).output()),
        of("AveragePool", "pads, count_include_pad 1", gaussian(11, 2, 2, 7, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
                .attrInts("pads", 1, 1, 1, 1).attr("count_include_pad", 1L).output()),
        of("AveragePool", "asymmetric pads, count_include_pad 0", gaussian(12, 2, 2, 7, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3).attrInts("strides", 1, 2)
                .attrInts("pads", 0, 2, 1, 1).output()),
        of("AveragePool", "asymmetric pads, count_include_pad 1", gaussian(13, 2, 2, 7, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3).attrInts("strides", 1, 2)
                .attrInts("pads", 0, 2, 1, 1).attr("count_include_pad", 1L).output()),
        of("AveragePool", "stride leaves input rows unused", gaussian(14, 2, 2, 8, 9),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 2).attrInts("strides", 3, 3).output()),
        of("AveragePool", "ceil_mode, count_include_pad 0", gaussian(15, 2, 2, 8, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
                .attr("ceil_mode", 1L).output()),
        of("AveragePool", "ceil_mode with pads, count_include_pad 1", gaussian(16, 2, 2, 9, 10),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 3)
                .attrInts("pads", 1, 0, 1, 1).attr("ceil_mode", 1L).attr("count_include_pad", 1L).output()),
        of("AveragePool", "ceil_mode with pads, count_include_pad 0", gaussian(17, 2, 2, 9, 10),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 3)
                .attrInts("pads", 1, 0, 1, 1).attr("ceil_mode", 1L).output()),
        // Opset 19 changed how ONNX Runtime divides a window that hangs past the end padding.
        of("AveragePool", "opset 19, ceil_mode with pads, count_include_pad 1", 19, gaussian(24, 2, 2, 9, 10),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 3)
                .attrInts("pads", 1, 0, 1, 1).attr("ceil_mode", 1L).attr("count_include_pad", 1L).output()),
        of("AveragePool", "opset 19, dilations, pads, count_include_pad 1", 19, gaussian(25, 2, 2, 8, 9),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3).attrInts("strides", 2, 2)
                .attrInts("dilations", 2, 2).attrInts("pads", 1, 1, 1, 0).attr("ceil_mode", 1L)
                .attr("count_include_pad", 1L).output()),
        of("AveragePool", "opset 19, dilations, pads, count_include_pad 0", 19, gaussian(26, 2, 2, 8, 9),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3).attrInts("strides", 2, 2)
                .attrInts("dilations", 2, 2).attrInts("pads", 1, 1, 1, 0).attr("ceil_mode", 1L).output()),
        // Pads that differ between the axes, where ONNX Runtime's own divisors at opset 19 deviate.
        of("AveragePool", "opset 19, pads differing per axis, count_include_pad 1", 19, gaussian(27, 2, 2, 7, 8),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 3, 3).attrInts("strides", 1, 2)
                .attrInts("pads", 2, 0, 1, 1).attr("count_include_pad", 1L).output()),
        of("AveragePool", "opset 19, 3-D, pads differing per axis, count_include_pad 1", 19,
            gaussian(28, 1, 2, 4, 5, 6), (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3, 3)
                .attrInts("strides", 2, 2, 2).attrInts("pads", 1, 0, 2, 0, 2, 1).attr("ceil_mode", 1L)
                .attr("count_include_pad", 1L).output()),
        of("AveragePool", "3-D, pads differing per axis, count_include_pad 1", gaussian(29, 1, 2, 4, 5, 6),
            (b, x) -> b.node("AveragePool").inputs(x).attrInts("kernel_shape", 2, 3, 3)
                .attrInts("strides", 2, 2, 2).attrInts("pads", 1, 0, 2, 0, 2, 1).attr("ceil_mode", 1L)
                .attr("count_include_pad", 1L).output()),
        of("AveragePool", "auto_pad SAME_LOWER", gaussian(18, 2, 2, 7, 7), (b, x) -> b.node("AveragePool").inputs(x)
            .attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2).attr("auto_pad", "SAME_LOWER").output()),
        of("AveragePool", "1-D with pads", gaussian(19, 2, 3, 11), (b, x) -> b.node("AveragePool").inputs(x)
            .attrInts("kernel_shape", 4).attrInts("strides", 3).attrInts("pads", 2, 1).output()),
        of("GlobalAveragePool", "2-D", gaussian(20, 2, 3, 5, 4), (b, x) -> b.op("GlobalAveragePool", x)),
        of("GlobalAveragePool", "1-D", gaussian(21, 2, 3, 7), (b, x) -> b.op("GlobalAveragePool", x)),
        of("GlobalMaxPool", "2-D", distinct(22, 2, 3, 5, 4), (b, x) -> b.op("GlobalMaxPool", x)),
        of("GlobalMaxPool", "1-D", distinct(23, 2, 3, 7), (b, x) -> b.op("GlobalMaxPool", x)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
