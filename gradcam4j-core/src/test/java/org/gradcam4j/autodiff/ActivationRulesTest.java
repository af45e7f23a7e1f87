package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.distinct;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Element-wise activations and the softmax family against finite differences. Inputs of functions
 * with kinks come from {@link org.gradcam4j.testing.GradientCheck#distinct}, whose values lie 0.025
 * away from every multiple of 0.05; the kinks chosen here sit on such multiples (after any scaling),
 * so no element lies within the finite-difference step of one.
 */
class ActivationRulesTest {
  private static final long[] S = {2, 3, 4, 4};
  /** 16 channels: ReLU-like masks take the form ONNX Runtime keeps in its blocked layout. */
  private static final long[] BLOCKED = {2, 16, 3, 3};

  static List<RuleCase> cases() {
    return List.of(
        of("Relu", "plain", distinct(1, S), (b, x) -> b.relu(x)),
        of("LeakyRelu", "alpha 0.1", distinct(2, S), (b, x) -> b.node("LeakyRelu").inputs(x).attr("alpha", 0.1f).output()),
        // A negative slope flips the output's sign, so the mask cannot be read from the output.
        of("LeakyRelu", "negative alpha", distinct(3, S),
            (b, x) -> b.node("LeakyRelu").inputs(x).attr("alpha", -0.3f).output()),
        of("LeakyRelu", "default alpha", distinct(4, S), (b, x) -> b.node("LeakyRelu").inputs(x).output()),
        of("PRelu", "per-channel slope", distinct(5, S), (b, x) -> b.op("PRelu", x, channelSlope(b))),
        of("PRelu", "per-channel slope", distinct(6, S), (b, x) -> b.op("PRelu", x, channelSlope(b))).weight("slope"),
        of("PRelu", "one shared slope", distinct(7, S),
            (b, x) -> b.op("PRelu", x, b.initializer("slope", new long[] {1}, new float[] {0.3f}))),
        of("PRelu", "one shared slope", distinct(8, S),
            (b, x) -> b.op("PRelu", x, b.initializer("slope", new long[] {1}, new float[] {0.3f}))).weight("slope"),
        of("Elu", "alpha 0.7", distinct(9, S), (b, x) -> b.node("Elu").inputs(x).attr("alpha", 0.7f).output()),
        of("Elu", "default alpha", gaussian(10, S), (b, x) -> b.node("Elu").inputs(x).output()),
        of("Clip", "min and max", distinct(11, S),
            (b, x) -> b.node("Clip").inputs(x, b.constScalar(-1f), b.constScalar(1.5f)).output()),
        of("Clip", "min only", distinct(12, S), (b, x) -> b.node("Clip").inputs(x, b.constScalar(-0.5f)).output()),
        of("Clip", "max only", distinct(13, S), (b, x) -> b.node("Clip").inputs(x, "", b.constScalar(0.5f)).output()),
        // x3 spreads the inputs over both bounds; 3 * distinct values stay 0.075 away from 0 and 6.
        of("Clip", "ReLU6", distinct(14, S), (b, x) -> b.node("Clip")
            .inputs(b.mul(x, b.constScalar(3f)), b.constScalar(0f), b.constScalar(6f)).output()),
        of("Clip", "opset 6 attributes", 6, distinct(15, S),
            (b, x) -> b.node("Clip").inputs(x).attr("min", 0f).attr("max", 1f).output()),
        of("Relu", "16 channels", distinct(31, BLOCKED), (b, x) -> b.relu(x)),
        of("Clip", "min and max, 16 channels", distinct(32, BLOCKED),
            (b, x) -> b.node("Clip").inputs(x, b.constScalar(-1f), b.constScalar(1.5f)).output()),
        of("Clip", "min only, 16 channels", distinct(33, BLOCKED),
            (b, x) -> b.node("Clip").inputs(x, b.constScalar(-0.5f)).output()),
        of("Clip", "max only, 16 channels", distinct(34, BLOCKED),
            (b, x) -> b.node("Clip").inputs(x, "", b.constScalar(0.5f)).output()),
        of("Clip", "ReLU6, 16 channels", distinct(35, BLOCKED), (b, x) -> b.node("Clip")
            .inputs(b.mul(x, b.constScalar(3f)), b.constScalar(0f), b.constScalar(6f)).output()),
        of("HardSigmoid", "alpha 0.5, beta 0.5, 16 channels", distinct(36, BLOCKED),
            (b, x) -> b.node("HardSigmoid").inputs(x).attr("alpha", 0.5f).attr("beta", 0.5f).output()),
        of("Sigmoid", "plain", gaussian(16, S), (b, x) -> b.op("Sigmoid", x)),
        of("Tanh", "plain", gaussian(17, S), (b, x) -> b.op("Tanh", x)),
        // Kinks where alpha * x + beta is 0 or 1: x = -1 and 1 here, -2.5 and 2.5 (x2 inputs) with defaults.
        of("HardSigmoid", "alpha 0.5, beta 0.5", distinct(18, S),
            (b, x) -> b.node("HardSigmoid").inputs(x).attr("alpha", 0.5f).attr("beta", 0.5f).output()),
        of("HardSigmoid", "defaults", distinct(19, S),
            (b, x) -> b.node("HardSigmoid").inputs(b.mul(x, b.constScalar(2f))).output()),
        // x2 covers all three pieces; the kinks at -3 and 3 stay 0.05 away.
        of("HardSwish", "all three pieces", distinct(20, S), (b, x) -> b.op("HardSwish", b.mul(x, b.constScalar(2f)))),
        of("Softmax", "axis 1", gaussian(21, S), (b, x) -> b.node("Softmax").inputs(x).attr("axis", 1L).output()),
        of("Softmax", "axis 2", gaussian(22, S), (b, x) -> b.node("Softmax").inputs(x).attr("axis", 2L).output()),
        of("Softmax", "axis -1 (default)", gaussian(23, S), (b, x) -> b.op("Softmax", x)),
        // Before opset 13 Softmax normalised all axes from 'axis' on together; the upgrade must keep that.
        of("Softmax", "opset 11, axis 1 of a 4-D input", 11, gaussian(24, S),
            (b, x) -> b.node("Softmax").inputs(x).attr("axis", 1L).output()),
        of("LogSoftmax", "axis 1", gaussian(25, S), (b, x) -> b.node("LogSoftmax").inputs(x).attr("axis", 1L).output()),
        of("LogSoftmax", "axis -2", gaussian(26, S),
            (b, x) -> b.node("LogSoftmax").inputs(x).attr("axis", -2L).output()),
        of("LogSoftmax", "axis -1 (default)", gaussian(27, S), (b, x) -> b.op("LogSoftmax", x)),
        of("LogSoftmax", "opset 11, axis 2 of a 4-D input", 11, gaussian(28, S),
            (b, x) -> b.node("LogSoftmax").inputs(x).attr("axis", 2L).output()));
  }

  private static String channelSlope(GraphBuilder b) {
    return b.initializer("slope", new long[] {3, 1, 1}, new float[] {0.25f, -0.5f, 1.5f});
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
