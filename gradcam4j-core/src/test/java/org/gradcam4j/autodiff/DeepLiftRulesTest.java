package org.gradcam4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * DeepLIFT's rescale rule ({@link BackwardVariant#DEEPLIFT}, the last sample of a batch being the
 * reference), checked against plain forward runs:
 * <ul>
 *   <li>through each element-wise nonlinearity alone, the multiplier of every element is the secant
 *       {@code seed * (f(x) - f(r)) / (x - r)} of the forward function, and the reference's own
 *       multiplier is the ordinary gradient;
 *   <li>through a deeper ReLU network (convolutions, biases, average pooling, linear layers), the
 *       multipliers times {@code x - r} sum to {@code seed . (f(x) - f(r))} (completeness).
 * </ul>
 * Each check is also shown to fail for the ordinary gradient, so it cannot pass by accident.
 */
class DeepLiftRulesTest {
  private static final long[] SHAPE = {3, 2, 4, 4};

  static Stream<Object[]> nonlinearities() {
    return Stream.of(
        new Object[] {"Relu", (BiFunction<GraphBuilder, String, String>) (b, t) -> b.relu(t)},
        new Object[] {"LeakyRelu", op((b, t) -> b.node("LeakyRelu").inputs(t).attr("alpha", 0.1f).output())},
        new Object[] {"Elu", op((b, t) -> b.node("Elu").inputs(t).attr("alpha", 0.7f).output())},
        new Object[] {"Sigmoid", op((b, t) -> b.op("Sigmoid", t))},
        new Object[] {"Tanh", op((b, t) -> b.op("Tanh", t))},
        new Object[] {"Softplus", op((b, t) -> b.op("Softplus", t))},
        new Object[] {"Clip (ReLU6)", op((b, t) -> b.node("Clip").inputs(t, b.constScalar(0f), b.constScalar(6f)).output())},
        new Object[] {"HardSigmoid", op((b, t) -> b.op("HardSigmoid", t))},
        new Object[] {"HardSwish", op((b, t) -> b.op("HardSwish", t))});
  }

  private static BiFunction<GraphBuilder, String, String> op(BiFunction<GraphBuilder, String, String> f) {
    return f;
  }

  /** f(4 x): inputs spread over about -8 .. 8, so that every nonlinearity is curved or saturated somewhere. */
  private static ModelProto elementwise(BiFunction<GraphBuilder, String, String> f) {
    return Models.single(SHAPE, (b, x) -> f.apply(b, b.mul(x, b.constScalar(4f))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("nonlinearities")
  void theMultiplierOfAnElementwiseNonlinearityIsItsSecant(String name, BiFunction<GraphBuilder, String, String> f) {
    ModelProto model = elementwise(f);
    FloatTensor x = gaussian(11, SHAPE);
    float[] seed = randomSeed(x.data().length, 5);
    float[] y = VariantRun.forward(model, x, "y");
    float[] multipliers = VariantRun.gradients(model, BackwardVariant.DEEPLIFT, x, seed, "x").gradients().get("x");
    float[] gradient = VariantRun.gradients(model, BackwardVariant.STANDARD, x, seed, "x").gradients().get("x");

    int size = x.itemSize();
    int ref = (int) SHAPE[0] - 1;
    double worst = 0;
    double worstGradient = 0;
    double scale = 0;
    for (int i = 0; i < ref; i++) {
      for (int k = 0; k < size; k++) {
        int e = i * size + k;
        double secant = seed[e] * ((double) y[e] - y[ref * size + k]) / ((double) x.data()[e] - x.data()[ref * size + k]);
        scale = Math.max(scale, Math.abs(secant));
        worst = Math.max(worst, Math.abs(multipliers[e] - secant));
        worstGradient = Math.max(worstGradient, Math.abs(gradient[e] - secant));
      }
    }
    assertThat(worst).as("%s: multiplier vs secant", name).isLessThan(1e-4 * scale + 1e-6);
    assertThat(worstGradient).as("%s: the gradient is not the secant", name).isGreaterThan(0.05 * scale);
    for (int k = 0; k < size; k++) {
      int e = ref * size + k;
      assertThat(multipliers[e]).as("%s: the reference's own multiplier is its gradient", name)
          .isCloseTo(gradient[e], org.assertj.core.data.Offset.offset(1e-6f));
    }
  }

  /** conv + bias, Relu, conv + bias, Relu6, 2x2 average pooling, flatten, linear + bias, Relu, linear. */
  static ModelProto reluNetwork() {
    return Models.single(SHAPE, (b, x) -> {
      String c1 = b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.5f, 6, 2, 3, 3), Models.weights(b, "b1", 2, 0.3f, 6))
          .attrInts("pads", 1, 1, 1, 1).output();
      String c2 = b.node("Conv").inputs(b.relu(c1), Models.weights(b, "w2", 3, 0.4f, 6, 6, 3, 3),
          Models.weights(b, "b2", 4, 0.3f, 6)).attrInts("pads", 1, 1, 1, 1).output();
      String r2 = b.node("Clip").inputs(c2, b.constScalar(0f), b.constScalar(6f)).output();
      String pooled = b.node("AveragePool").inputs(r2).attrInts("kernel_shape", 2, 2).attrInts("strides", 2, 2).output();
      String flat = b.node("Flatten").inputs(pooled).attr("axis", 1L).output();
      String h = b.relu(b.node("Gemm").inputs(flat, Models.weights(b, "w3", 5, 0.3f, 8, 24), Models.weights(b, "b3", 6, 0.2f, 8))
          .attr("transB", 1L).output());
      return b.node("Gemm").inputs(h, Models.weights(b, "w4", 7, 0.5f, 3, 8), Models.weights(b, "b4", 8, 0.2f, 3))
          .attr("transB", 1L).output();
    });
  }

  @Test
  void multipliersTimesDifferencesSumToTheDifferenceOfTheScores() {
    ModelProto model = reluNetwork();
    FloatTensor x = gaussian(21, SHAPE);
    float[] seed = randomSeed(3 * 3, 22);
    float[] y = VariantRun.forward(model, x, "y");
    float[] m = VariantRun.gradients(model, BackwardVariant.DEEPLIFT, x, seed, "x").gradients().get("x");
    float[] gradient = VariantRun.gradients(model, BackwardVariant.STANDARD, x, seed, "x").gradients().get("x");
    int size = x.itemSize();
    int ref = (int) SHAPE[0] - 1;
    for (int i = 0; i < ref; i++) {
      double expected = 0;
      for (int c = 0; c < 3; c++) {
        expected += seed[i * 3 + c] * ((double) y[i * 3 + c] - y[ref * 3 + c]);
      }
      double sum = 0;
      double gradientSum = 0;
      for (int k = 0; k < size; k++) {
        double d = (double) x.data()[i * size + k] - x.data()[ref * size + k];
        sum += d * m[i * size + k];
        gradientSum += d * gradient[i * size + k];
      }
      assertThat(Math.abs(expected)).isGreaterThan(0.1);
      assertThat(sum).as("sample %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-5 * Math.abs(expected) + 1e-6));
      assertThat(Math.abs(gradientSum - expected)).as("gradient x difference is not complete")
          .isGreaterThan(0.01 * Math.abs(expected));
    }
  }

  private static float[] randomSeed(int n, long s) {
    Random r = new Random(s);
    float[] seed = new float[n];
    for (int i = 0; i < n; i++) {
      seed[i] = (float) r.nextGaussian();
    }
    return seed;
  }
}
