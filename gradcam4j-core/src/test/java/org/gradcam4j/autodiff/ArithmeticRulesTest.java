package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Add, Sub, Mul, Div, Neg, Sum and Expand, with every kind of broadcasting a classifier produces:
 * both inputs on the path with different shapes (x against its global average, [N,C,H,W] against
 * [N,C,1,1], in either order), a per-channel constant [C,1,1], a rank-1 constant [W], a scalar, an
 * input of lower rank than the output, and the same tensor as both inputs.
 */
class ArithmeticRulesTest {
  private static final long[] S = {2, 3, 4, 5};

  static List<RuleCase> cases() {
    return List.of(
        of("Add", "x + GAP(x)", gaussian(1, S), (b, x) -> b.add(x, gap(b, x))),
        of("Add", "GAP(x) + x", gaussian(2, S), (b, x) -> b.add(gap(b, x), x)),
        of("Add", "per-channel constant", gaussian(3, S), (b, x) -> b.add(x, perChannel(b))),
        of("Add", "rank-1 constant", gaussian(4, S), (b, x) -> b.add(rank1(b), x)),
        of("Add", "scalar", gaussian(5, S), (b, x) -> b.add(x, b.constScalar(0.7f))),
        of("Add", "x + x", gaussian(6, S), (b, x) -> b.add(x, x)),
        // The second input has no batch axis: its gradient is summed over the batch and reshaped.
        of("Add", "input of lower rank", gaussian(7, S), (b, x) -> b.add(x, batchSum(b, x))),
        of("Sub", "x - GAP(x)", gaussian(8, S), (b, x) -> b.sub(x, gap(b, x))),
        of("Sub", "GAP(x) - tanh(x)", gaussian(9, S), (b, x) -> b.sub(gap(b, x), b.op("Tanh", x))),
        of("Sub", "per-channel constant", gaussian(10, S), (b, x) -> b.sub(perChannel(b), x)),
        of("Sub", "rank-1 constant", gaussian(11, S), (b, x) -> b.sub(x, rank1(b))),
        of("Sub", "scalar", gaussian(12, S), (b, x) -> b.sub(b.constScalar(2f), x)),
        of("Sub", "input of lower rank", gaussian(13, S), (b, x) -> b.sub(batchSum(b, x), x)),
        of("Mul", "x * GAP(x)", gaussian(14, S), (b, x) -> b.mul(x, gap(b, x))),
        of("Mul", "GAP(x) * x", gaussian(15, S), (b, x) -> b.mul(gap(b, x), x)),
        of("Mul", "per-channel constant", gaussian(16, S), (b, x) -> b.mul(perChannel(b), x)),
        of("Mul", "rank-1 constant", gaussian(17, S), (b, x) -> b.mul(x, rank1(b))),
        of("Mul", "scalar", gaussian(18, S), (b, x) -> b.mul(x, b.constScalar(-1.5f))),
        of("Mul", "x * x", gaussian(19, S), (b, x) -> b.mul(x, x)),
        of("Mul", "input of lower rank", gaussian(20, S), (b, x) -> b.mul(batchSum(b, x), x)),
        // Divisors are kept within [0.5, 1.5] (sigmoid + 0.5) or are constants away from zero.
        of("Div", "x / f(GAP(x))", gaussian(21, S), (b, x) -> b.div(x, positive(b, gap(b, x)))),
        of("Div", "GAP(x) / f(x)", gaussian(22, S), (b, x) -> b.div(gap(b, x), positive(b, x))),
        of("Div", "per-channel constant / f(x)", gaussian(23, S), (b, x) -> b.div(perChannel(b), positive(b, x))),
        of("Div", "x / rank-1 constant", gaussian(24, S), (b, x) -> b.div(x, rank1(b))),
        of("Div", "x / scalar", gaussian(25, S), (b, x) -> b.div(x, b.constScalar(0.8f))),
        of("Div", "x / f(x)", gaussian(26, S), (b, x) -> b.div(x, positive(b, x))),
        of("Div", "input of lower rank", gaussian(27, S), (b, x) -> b.div(x, positive(b, batchSum(b, x)))),
        of("Neg", "plain", gaussian(28, S), (b, x) -> b.neg(x)),
        of("Sum", "x, GAP(x) and a constant", gaussian(29, S),
            (b, x) -> b.op("Sum", x, gap(b, x), perChannel(b))),
        of("Sum", "x twice", gaussian(30, S), (b, x) -> b.op("Sum", x, b.mul(x, x), x)),
        of("Sum", "one input", gaussian(31, S), (b, x) -> b.op("Sum", x)),
        of("Expand", "GAP(x) back to the spatial size", gaussian(32, S),
            (b, x) -> b.expand(gap(b, x), b.constInts(1, 1, 4, 5))),
        of("Expand", "singleton axis and added leading axis", gaussian(33, 2, 3, 1, 5),
            // [N,3,1,5] -> [2,N,3,4,5]; the transpose brings the batch axis back to the front.
            (b, x) -> b.transpose(b.expand(x, b.constInts(2, 1, 1, 4, 5)), 1, 0, 2, 3, 4)));
  }

  private static String gap(GraphBuilder b, String x) {
    return b.op("GlobalAveragePool", x);
  }

  private static String perChannel(GraphBuilder b) {
    return b.initializer("per_channel", new long[] {3, 1, 1}, new float[] {0.5f, -1.25f, 2f});
  }

  private static String rank1(GraphBuilder b) {
    return b.initializer("per_column", new long[] {5}, new float[] {0.6f, -0.9f, 1.3f, 2.1f, -1.7f});
  }

  private static String positive(GraphBuilder b, String t) {
    return b.add(b.op("Sigmoid", t), b.constScalar(0.5f));
  }

  /** x summed over the batch axis: [C,H,W], a path tensor of lower rank than x. */
  private static String batchSum(GraphBuilder b, String x) {
    return b.reduceSum(x, new long[] {0}, false);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
