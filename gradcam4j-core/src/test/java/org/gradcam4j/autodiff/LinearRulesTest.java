package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Gemm (every transA/transB combination, alpha, beta, broadcast C; gradients of the input, the
 * weights and C) and MatMul (2-D, stacked 3-D and 4-D operands broadcast against each other, 1-D
 * operands on either side, both operands on the path). Weight matrices are never square, so a
 * missing or extra transposition fails on shapes or values.
 */
class LinearRulesTest {
  static List<RuleCase> cases() {
    List<RuleCase> cases = new ArrayList<>();
    for (long transA = 0; transA <= 1; transA++) {
      for (long transB = 0; transB <= 1; transB++) {
        long ta = transA;
        long tb = transB;
        String name = "transA " + ta + ", transB " + tb + ", alpha -1.3, beta 0.7";
        cases.add(of("Gemm", name, gaussian(10 + 2 * ta + tb, 3, 4), (b, x) -> gemm(b, x, ta, tb, "c3")));
        cases.add(of("Gemm", name, gaussian(20 + 2 * ta + tb, 3, 4), (b, x) -> gemm(b, x, ta, tb, "c3")).weight("w"));
      }
    }
    cases.addAll(List.of(
        of("Gemm", "C broadcast from [1, M]", gaussian(30, 3, 4), (b, x) -> gemm(b, x, 0, 1, "c13")).weight("c"),
        of("Gemm", "C broadcast from [M]", gaussian(31, 3, 4), (b, x) -> gemm(b, x, 1, 0, "c3")).weight("c"),
        of("Gemm", "scalar C", gaussian(32, 3, 4), (b, x) -> gemm(b, x, 0, 0, "c")).weight("c"),
        of("Gemm", "no C, defaults", gaussian(33, 3, 4),
            (b, x) -> b.op("Gemm", x, Models.weights(b, "w", 1, 0.5f, 4, 5))),
        // B = column sums of x over the batch: both inputs on the path (and samples interact).
        of("Gemm", "both inputs on the path", gaussian(34, 3, 4),
            (b, x) -> b.op("Gemm", x, b.reshape(b.reduceSum(x, new long[] {0}, false), b.constInts(4, 1)))),
        of("MatMul", "2-D", gaussian(40, 3, 4), (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 4, 5))),
        of("MatMul", "2-D", gaussian(41, 3, 4), (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 4, 5)))
            .weight("w"),
        of("MatMul", "3-D by a broadcast matrix", gaussian(42, 2, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 4, 5))),
        of("MatMul", "3-D by a broadcast matrix", gaussian(43, 2, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 4, 5))).weight("w"),
        // [N,1,3,4] x [2,4,5] -> [N,2,3,5]: each operand is broadcast along an axis of the other.
        of("MatMul", "4-D by 3-D, broadcast both ways", gaussian(44, 2, 1, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 2, 4, 5))),
        of("MatMul", "4-D by 3-D, broadcast both ways", gaussian(45, 2, 1, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "w", 1, 0.5f, 2, 4, 5))).weight("w"),
        of("MatMul", "constant matrix times stacked input", gaussian(46, 2, 4, 5),
            (b, x) -> b.op("MatMul", Models.weights(b, "w", 1, 0.5f, 3, 4), x)),
        of("MatMul", "both operands on the path", gaussian(47, 2, 3, 4),
            (b, x) -> b.op("MatMul", x, b.transpose(b.op("Tanh", x), 0, 2, 1))),
        of("MatMul", "1-D second operand", gaussian(48, 2, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "v", 1, 0.5f, 4))),
        of("MatMul", "1-D second operand", gaussian(49, 2, 3, 4),
            (b, x) -> b.op("MatMul", x, Models.weights(b, "v", 1, 0.5f, 4))).weight("v"),
        of("MatMul", "1-D first operand", gaussian(50, 2, 3, 4),
            (b, x) -> b.op("MatMul", Models.weights(b, "v", 1, 0.5f, 3), x)),
        of("MatMul", "1-D first operand", gaussian(51, 2, 3, 4),
            (b, x) -> b.op("MatMul", Models.weights(b, "v", 1, 0.5f, 3), x)).weight("v")));
    return cases;
  }

  /**
   * Gemm of x [N, 4] (passed transposed when transA) by weights "w" [4, 5] (stored [5, 4] when
   * transB) plus C: "c3" a [5] vector, "c13" a [1, 5] row, "c" a scalar; all initializers are
   * named "w" and "c" so that the weight cases can find them.
   */
  private static String gemm(GraphBuilder b, String x, long transA, long transB, String c) {
    String a = transA == 1 ? b.transpose(x, 1, 0) : x;
    String w = transB == 1 ? Models.weights(b, "w", 1, 0.5f, 5, 4) : Models.weights(b, "w", 1, 0.5f, 4, 5);
    String bias = switch (c) {
      case "c3" -> Models.weights(b, "c", 2, 0.5f, 5);
      case "c13" -> Models.weights(b, "c", 2, 0.5f, 1, 5);
      default -> b.initializer("c", new long[0], new float[] {0.4f});
    };
    return b.node("Gemm").inputs(a, w, bias).attr("transA", transA).attr("transB", transB)
        .attr("alpha", -1.3f).attr("beta", 0.7f).output();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
