package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.UnsupportedBackwardException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.distinct;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exp, Log, Sqrt, Pow, Abs, Reciprocal, Erf, Softplus and Gelu (exact and tanh forms). Functions defined only for positive
 * inputs get x^2 + 0.5 (or sigmoid(x) + 0.5), which keeps them and their slopes moderate.
 */
class ElementwiseMathRulesTest {
  private static final long[] S = {2, 3, 4, 5};

  static List<RuleCase> cases() {
    return List.of(
        of("Exp", "plain", gaussian(1, S), (b, x) -> b.op("Exp", x)),
        of("Log", "of x^2 + 0.5", gaussian(2, S), (b, x) -> b.op("Log", positive(b, x))),
        of("Sqrt", "of x^2 + 0.5", gaussian(3, S), (b, x) -> b.op("Sqrt", positive(b, x))),
        of("Pow", "cube", gaussian(4, S), (b, x) -> b.op("Pow", x, b.constScalar(3f))),
        of("Pow", "square root of x^2 + 0.5", gaussian(5, S), (b, x) -> b.op("Pow", positive(b, x), b.constScalar(0.5f))),
        of("Pow", "integer exponent", gaussian(6, S), (b, x) -> b.op("Pow", x, b.constScalarInt(2))),
        of("Pow", "per-channel exponent", gaussian(7, S), (b, x) -> b.op("Pow", positive(b, x),
            b.initializer("p", new long[] {3, 1, 1}, new float[] {2f, -1f, 1.5f}))),
        // The exponent has more dimensions than the base: the base's gradient is summed back.
        of("Pow", "base broadcast by the exponent", gaussian(8, S), (b, x) -> b.op("Pow",
            positive(b, b.op("GlobalAveragePool", x)), b.initializer("p", new long[] {1, 1, 4, 5}, ramp(20)))),
        of("Abs", "plain", distinct(9, S), (b, x) -> b.op("Abs", x)),
        of("Reciprocal", "of sigmoid(x) + 0.5", gaussian(10, S),
            (b, x) -> b.op("Reciprocal", b.add(b.op("Sigmoid", x), b.constScalar(0.5f)))),
        of("Erf", "plain", gaussian(11, S), (b, x) -> b.op("Erf", x)),
        // Gelu as exporters write it: 0.5 x (1 + erf(x / sqrt 2)).
        of("Erf", "in an exported Gelu", gaussian(12, S), (b, x) -> b.mul(b.mul(x, b.constScalar(0.5f)),
            b.add(b.constScalar(1f), b.op("Erf", b.mul(x, b.constScalar((float) (1 / Math.sqrt(2)))))))),
        of("Softplus", "plain", gaussian(13, S), (b, x) -> b.op("Softplus", b.mul(x, b.constScalar(2f)))),
        // Scaled by 2 so that inputs reach the curved part on both sides of 0.
        of("Gelu", "exact, opset 20", 20, gaussian(14, S), (b, x) -> b.op("Gelu", b.mul(x, b.constScalar(2f)))),
        of("Gelu", "tanh approximation, opset 20", 20, gaussian(15, S),
            (b, x) -> b.node("Gelu").inputs(b.mul(x, b.constScalar(2f))).attr("approximate", "tanh").output()));
  }

  private static String positive(GraphBuilder b, String x) {
    return b.add(b.mul(x, x), b.constScalar(0.5f));
  }

  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.2f * i - 1.9f;
    }
    return v;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }

  @Test
  void anExponentOnThePathIsReported() {
    var model = Models.single(S, (b, x) -> b.op("Pow", positive(b, x), b.op("Tanh", x)));
    assertThatThrownBy(() -> GradientCheck.of(model, "x", "y").verify(gaussian(14, S)))
        .isInstanceOf(UnsupportedBackwardException.class)
        .hasMessageContaining("(Pow)")
        .hasMessageContaining("exponent");
  }
}
