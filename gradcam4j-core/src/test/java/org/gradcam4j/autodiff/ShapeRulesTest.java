package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.fixedBatch;
import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.Tensors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ops that move, copy or select elements: Flatten, Reshape, Squeeze, Unsqueeze, Transpose, Concat,
 * Split, Slice, Pad, and the identities (Identity, Dropout, Cast). A Tanh follows where the op alone
 * would give a gradient that does not depend on where each element went (any permutation of a
 * linear map's seed would pass), so that every element's gradient carries its own value.
 */
class ShapeRulesTest {
  private static final long[] S = {2, 3, 4, 5};

  static List<RuleCase> cases() {
    return List.of(
        of("Flatten", "axis 1", gaussian(1, S), (b, x) -> b.node("Flatten").inputs(tanh(b, x)).attr("axis", 1L).output()),
        // Axis 2 merges the batch with the channels; a Reshape gives the score its [N, K] form back.
        of("Flatten", "axis 2", gaussian(2, S),
            (b, x) -> b.reshape(tanh(b, b.node("Flatten").inputs(x).attr("axis", 2L).output()), b.constInts(-1, 60))),
        of("Reshape", "[0, -1]", gaussian(3, S), (b, x) -> tanh(b, b.reshape(x, b.constInts(0, -1)))),
        of("Reshape", "across axes", gaussian(4, S), (b, x) -> tanh(b, b.reshape(x, b.constInts(0, 4, 15)))),
        of("Squeeze", "axes input", 13, gaussian(5, 2, 1, 4, 1),
            (b, x) -> tanh(b, b.op("Squeeze", x, b.constInts(1, -1)))),
        of("Squeeze", "opset 11 axes attribute", 11, gaussian(6, 2, 1, 4, 1),
            (b, x) -> tanh(b, b.node("Squeeze").inputs(x).attrInts("axes", 1, 3).output())),
        of("Unsqueeze", "axes input", gaussian(7, S), (b, x) -> tanh(b, b.unsqueeze(x, 2, -1))),
        of("Unsqueeze", "opset 11 axes attribute", 11, gaussian(8, S),
            (b, x) -> tanh(b, b.node("Unsqueeze").inputs(x).attrInts("axes", 1).output())),
        of("Transpose", "[0, 2, 3, 1]", gaussian(9, S), (b, x) -> tanh(b, b.transpose(x, 0, 2, 3, 1))),
        of("Transpose", "[0, 3, 1, 2]", gaussian(10, S), (b, x) -> tanh(b, b.transpose(x, 0, 3, 1, 2))),
        // The default permutation reverses the axes; a second Transpose brings the batch back to the front.
        of("Transpose", "default permutation", gaussian(11, S),
            (b, x) -> tanh(b, b.transpose(b.node("Transpose").inputs(x).output(), 3, 0, 2, 1))),
        of("Concat", "two path inputs and a constant, axis 1", gaussian(12, S),
            (b, x) -> tanh(b, b.node("Concat").inputs(x, shapedConstant(b, x), b.mul(x, x)).attr("axis", 1L).output())),
        of("Concat", "axis -1", gaussian(13, S),
            (b, x) -> tanh(b, b.node("Concat").inputs(b.op("Sigmoid", x), x).attr("axis", -1L).output())),
        fixedBatch("Concat", "an initializer between path inputs", gaussian(14, 1, 3, 4, 5),
            (b, x) -> tanh(b, b.node("Concat").inputs(x, b.initializer("c", new long[] {1, 2, 4, 5}, new float[40]),
                b.op("Sigmoid", x)).attr("axis", 1L).output())),
        // Only the second output is used: the first gets zeros.
        of("Split", "an unused output", gaussian(15, S),
            (b, x) -> tanh(b, b.node("Split").inputs(x, b.constInts(1, 2)).attr("axis", 1L).outputs(2)[1])),
        of("Split", "both outputs used", gaussian(16, S), (b, x) -> {
          String[] parts = b.node("Split").inputs(x, b.constInts(3, 2)).attr("axis", -1L).outputs(2);
          return b.node("Concat").inputs(tanh(b, parts[1]), b.mul(parts[0], parts[0])).attr("axis", 3L).output();
        }),
        of("Split", "opset 11 split attribute", 11, gaussian(17, S),
            (b, x) -> tanh(b, b.node("Split").inputs(x).attrInts("split", 2, 1).attr("axis", 1L).outputs(2)[0])),
        of("Split", "opset 18 num_outputs", 18, gaussian(18, S),
            (b, x) -> tanh(b, b.node("Split").inputs(x).attr("num_outputs", 2L).attr("axis", 2L).outputs(2)[1])),
        of("Slice", "negative start, two axes, step 2", gaussian(19, 2, 3, 7, 8),
            (b, x) -> tanh(b, b.op("Slice", x, b.constInts(-5, 1), b.constInts(100, 7), b.constInts(2, 3),
                b.constInts(1, 2)))),
        of("Slice", "negative axes, step 3 past the end", gaussian(20, 2, 3, 7, 8),
            (b, x) -> tanh(b, b.op("Slice", x, b.constInts(1, 0), b.constInts(8, -1), b.constInts(-1, -3),
                b.constInts(3, 2)))),
        of("Slice", "three axes, default steps, whole batch", gaussian(21, 2, 3, 7, 8),
            (b, x) -> tanh(b, b.op("Slice", x, b.constInts(0, -2, 2), b.constInts(Long.MAX_VALUE, 3, -1),
                b.constInts(0, 1, 3)))),
        // A channel flip (RGB to BGR inside the model) and a strided reversal that does not reach the start.
        of("Slice", "channel flip", gaussian(32, 2, 3, 7, 8), (b, x) -> tanh(b, b.op("Slice", x, b.constInts(-1),
            b.constInts(Long.MIN_VALUE), b.constInts(1), b.constInts(-1)))),
        of("Slice", "step -2 and step 3 on two axes", gaussian(33, 2, 3, 7, 8),
            (b, x) -> tanh(b, b.op("Slice", x, b.constInts(6, -1, 1), b.constInts(0, -100, 100),
                b.constInts(2, 3, 1), b.constInts(-2, -3, 1)))),
        of("Slice", "opset 9 attributes", 9, gaussian(22, 2, 3, 7, 8),
            (b, x) -> tanh(b, b.node("Slice").inputs(x).attrInts("starts", -4, 1).attrInts("ends", 6, 100)
                .attrInts("axes", 2, 3).output())),
        // Bounds computed from the input's shape at run time, as exporters write the query/key/value split.
        of("Slice", "run-time bounds, a third of the last axis", gaussian(34, 2, 3, 9),
            (b, x) -> tanh(b, b.op("Slice", x, thirdOfLastAxis(b, x, 1), thirdOfLastAxis(b, x, 2), b.constInts(-1)))),
        of("Slice", "run-time bounds, two axes, steps -1 and 2", gaussian(35, 2, 3, 7, 9),
            (b, x) -> tanh(b, b.op("Slice", x,
                b.node("Concat").inputs(b.constInts(-2), thirdOfLastAxis(b, x, 1)).attr("axis", 0L).output(),
                b.node("Concat").inputs(b.constInts(Long.MIN_VALUE), thirdOfLastAxis(b, x, 3)).attr("axis", 0L).output(),
                b.constInts(2, 3), b.constInts(-1, 2)))),
        of("Pad", "asymmetric constant", gaussian(23, S),
            (b, x) -> tanh(b, b.op("Pad", x, b.constInts(0, 0, 1, 2, 0, 1, 0, 3), b.constScalar(0.5f)))),
        of("Pad", "negative pads crop", gaussian(24, S),
            (b, x) -> tanh(b, b.op("Pad", x, b.constInts(0, 0, -1, 1, 0, 0, 2, -2)))),
        of("Pad", "opset 18 axes input", 18, gaussian(25, S),
            (b, x) -> tanh(b, b.op("Pad", x, b.constInts(2, 0, 1, 1), b.constScalar(-1f), b.constInts(3, -2)))),
        of("Pad", "opset 11", 11, gaussian(26, S), (b, x) -> tanh(b, b.op("Pad", x, b.constInts(0, 0, 1, 0, 0, 0, 0, 2)))),
        of("Pad", "opset 2 pads attribute", 2, gaussian(27, S),
            (b, x) -> tanh(b, b.node("Pad").inputs(x).attrInts("pads", 0, 0, 2, 1, 0, 0, 1, 0).attr("value", 1f).output())),
        of("Identity", "plain", gaussian(28, S), (b, x) -> tanh(b, b.op("Identity", x))),
        of("Dropout", "ratio input", gaussian(29, S), (b, x) -> tanh(b, b.op("Dropout", x, b.constScalar(0.3f)))),
        of("Dropout", "mask output unused", gaussian(30, S), (b, x) -> tanh(b, b.node("Dropout").inputs(x).outputs(2)[0])),
        of("Cast", "float to float", gaussian(31, S),
            (b, x) -> tanh(b, b.node("Cast").inputs(x).attr("to", (long) DataType.FLOAT.code()).output())));
  }

  /** {@code k} thirds of the size of x's last axis, as a 1-element int64 tensor computed at run time. */
  private static String thirdOfLastAxis(GraphBuilder b, String x, long k) {
    String last = b.op("Slice", b.shape(x), b.constInts(-1), b.constInts(Long.MAX_VALUE));
    return b.mul(b.div(last, b.constInts(3)), b.constInts(k));
  }

  private static String tanh(GraphBuilder b, String t) {
    return b.op("Tanh", t);
  }

  /**
   * A tensor shaped like x with one channel, whose values do not depend on x: it is built from x's
   * shape only, so it is not on the gradient path, yet it works at any batch size.
   */
  private static String shapedConstant(GraphBuilder b, String x) {
    String batch = b.op("Slice", b.shape(x), b.constInts(0), b.constInts(1));
    String shape = b.node("Concat").inputs(batch, b.constInts(1, 4, 5)).attr("axis", 0L).output();
    return b.node("ConstantOfShape").inputs(shape)
        .attr("value", Tensors.floats("", new long[] {1}, new float[] {0.75f})).output();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
