package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.distinct;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import com.google.protobuf.ByteString;
import java.util.List;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ops that pick, combine or repeat elements: element-wise Max, Min and Mean, Where, ReduceMax,
 * Gather with constant indices, and Tile. Ties (the same tensor twice) must share the gradient so
 * that its total is right; inputs are {@link org.gradcam4j.testing.GradientCheck#distinct} where a
 * comparison could otherwise switch within the finite-difference step.
 */
class SelectionRulesTest {
  private static final long[] S = {2, 3, 4, 5};

  static List<RuleCase> cases() {
    return List.of(
        of("Max", "x against GAP(x)", distinct(1, S), (b, x) -> b.op("Max", x, b.op("GlobalAveragePool", x))),
        of("Max", "x against a per-channel constant", distinct(2, S), (b, x) -> b.op("Max", x, perChannel(b))),
        of("Max", "three inputs", distinct(3, S),
            (b, x) -> b.op("Max", x, b.mul(x, b.constScalar(-2f)), b.constScalar(0.5f))),
        of("Max", "the same tensor twice", distinct(4, S), (b, x) -> b.op("Max", x, x)),
        of("Min", "x against a per-channel constant", distinct(5, S), (b, x) -> b.op("Min", perChannel(b), x)),
        of("Min", "the same tensor twice and a scalar", distinct(6, S),
            (b, x) -> b.op("Min", x, x, b.constScalar(0.5f))),
        of("Mean", "x, GAP(x) and a constant", gaussian(7, S),
            (b, x) -> b.op("Mean", x, b.op("GlobalAveragePool", x), perChannel(b))),
        of("Where", "both data inputs on the path", gaussian(8, S),
            (b, x) -> b.where(b.greater(x, b.constScalar(0f)), b.op("Tanh", x), b.mul(x, b.constScalar(3f)))),
        of("Where", "broadcast data inputs", gaussian(9, S), (b, x) -> b.where(
            b.node("Constant").attr("value", mask()).output(), b.op("GlobalAveragePool", x), b.op("Tanh", x))),
        of("ReduceMax", "spatial axes", distinct(10, S),
            (b, x) -> b.node("ReduceMax").inputs(x).attrInts("axes", 2, 3).output()),
        of("ReduceMax", "one axis, keepdims 0", distinct(11, S),
            (b, x) -> b.node("ReduceMax").inputs(x).attrInts("axes", -1).attr("keepdims", 0L).output()),
        of("ReduceMax", "opset 18 axes input", 18, distinct(12, S),
            (b, x) -> b.node("ReduceMax").inputs(x, b.constInts(1)).attr("keepdims", 0L).output()),
        of("ReduceMax", "all axes", distinct(13, 2, 2, 1, 3),
            (b, x) -> b.mul(x, b.node("ReduceMax").inputs(b.op("Tanh", x)).output())),
        of("ReduceMax", "ties are shared", distinct(14, S), (b, x) -> b.node("ReduceMax")
            .inputs(b.node("Concat").inputs(x, x).attr("axis", 3L).output()).attrInts("axes", 3).output()),
        of("Gather", "repeated indices", gaussian(15, S),
            (b, x) -> b.op("Tanh", b.node("Gather").inputs(x, b.constInts(2, 0, 2)).attr("axis", 1L).output())),
        of("Gather", "one index, as a class token", gaussian(16, S),
            (b, x) -> b.op("Tanh", b.node("Gather").inputs(x, b.constScalarInt(1)).attr("axis", 2L).output())),
        of("Gather", "2-D indices, negative ones too", gaussian(17, S), (b, x) -> b.op("Tanh", b.node("Gather")
            .inputs(x, b.initializer(Tensors.int64s("idx", new long[] {2, 2}, new long[] {1, -1, 3, 3})))
            .attr("axis", -2L).output())),
        of("Tile", "two axes", gaussian(18, S), (b, x) -> b.op("Tanh", b.op("Tile", x, b.constInts(1, 2, 1, 3)))),
        of("Tile", "no repeats", gaussian(19, S), (b, x) -> b.op("Tanh", b.op("Tile", x, b.constInts(1, 1, 1, 1)))));
  }

  private static String perChannel(GraphBuilder b) {
    return b.initializer("per_channel", new long[] {3, 1, 1}, new float[] {0.5f, -0.25f, 0.1f});
  }

  /** A [1, 1, 4, 5] boolean condition, true at every third position. */
  private static TensorProto mask() {
    byte[] values = new byte[20];
    for (int i = 0; i < values.length; i++) {
      values[i] = (byte) (i % 3 == 0 ? 1 : 0);
    }
    return TensorProto.newBuilder().setDataType(DataType.BOOL.code()).addAllDims(List.of(1L, 1L, 4L, 5L))
        .setRawData(ByteString.copyFrom(values)).build();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
