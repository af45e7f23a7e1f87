package org.gradcam4j.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * Targets other than a class logit: the input gradient each produces must be the gradient of the
 * quantity it claims to explain, checked by central differences of that quantity computed from
 * plain forward passes.
 */
class TargetsTest {
  /** A smooth "classifier": Conv -> Tanh -> GAP -> Gemm, 6 outputs. */
  private static OnnxModel classifier() {
    return OnnxModel.of(Models.single(new long[] {1, 3, 6, 6}, (b, x) -> {
      String c = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.4f, 5, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output());
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", c)).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 2, 1.5f, 6, 5)).attr("transB", 1L).output();
    }), "classifier");
  }

  /** A smooth "segmenter": Conv -> Tanh -> 1x1 Conv, output [N, 3, 6, 6]. */
  private static OnnxModel segmenter() {
    return OnnxModel.of(Models.single(new long[] {1, 3, 6, 6}, (b, x) -> {
      String c = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "w", 3, 0.4f, 4, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output());
      return b.node("Conv").inputs(c, Models.weights(b, "head", 4, 0.8f, 3, 4, 1, 1)).output();
    }), "segmenter");
  }

  @Test
  void probabilityTargetDifferentiatesTheSoftmax() {
    // p_2 = exp(z_2) / sum_k exp(z_k), written out here rather than with the library's softmax;
    // subtracting max_k z_k from every logit multiplies numerator and denominator by the same
    // exp(-max) and only keeps exp from overflowing.
    checkAgainstNumeric(classifier(), Target.probability(2), out -> {
      double max = Double.NEGATIVE_INFINITY;
      for (double z : out) {
        max = Math.max(max, z);
      }
      double sum = 0;
      for (double z : out) {
        sum += Math.exp(z - max);
      }
      return Math.exp(out[2] - max) / sum;
    });
  }

  @Test
  void regionTargetDifferentiatesTheClassScoreSummedOverTheMask() {
    boolean[] mask = new boolean[36];
    for (int p = 0; p < 36; p++) {
      mask[p] = (p / 6) >= 2 && (p % 6) < 3;
    }
    checkAgainstNumeric(segmenter(), Target.region(1, 3, mask), out -> {
      double s = 0;
      for (int p = 0; p < 36; p++) {
        s += mask[p] ? out[36 + p] : 0;
      }
      return s;
    });
  }

  @Test
  void similarityTargetDifferentiatesTheCosineSimilarity() {
    float[] reference = {0.3f, -1.2f, 0.8f, 0.1f, -0.4f, 1.0f};
    checkAgainstNumeric(classifier(), Target.similarity(reference), out -> {
      double dot = 0;
      double a = 0;
      double r = 0;
      for (int k = 0; k < 6; k++) {
        dot += out[k] * reference[k];
        a += out[k] * out[k];
        r += reference[k] * reference[k];
      }
      return dot / Math.sqrt(a * r);
    });
  }

  @Test
  void counterfactualNegatesEveryKindOfTarget() {
    float[] scores = {0.5f, -1f, 2f};
    for (Target t : List.of(Target.probability(1), Target.similarity(new float[] {1, 2, 3}), Target.classIndex(0))) {
      float[] plain = t.seed(3, scores).weights();
      float[] counter = t.counterfactual().seed(3, scores).weights();
      for (int k = 0; k < 3; k++) {
        assertThat(counter[k]).isEqualTo(-plain[k]);
      }
      assertThat(t.counterfactual().isCounterfactual()).isTrue();
    }
  }

  @Test
  void mismatchedTargetsAreClearErrors() {
    assertThatThrownBy(() -> Target.region(0, 3, new boolean[10]).seed(36, null))
        .isInstanceOf(GradCamException.class).hasMessageContaining("score tensor of 30 values");
    assertThatThrownBy(() -> Target.similarity(new float[4]).seed(6, new float[6]))
        .isInstanceOf(GradCamException.class).hasMessageContaining("4 values");
    assertThatThrownBy(() -> Target.probability(7).seed(6, new float[6]))
        .isInstanceOf(GradCamException.class).hasMessageContaining("out of range");
  }

  private static void checkAgainstNumeric(OnnxModel model, Target target, ToDoubleFunction<double[]> quantity) {
    checkAgainstNumeric(model, "x", "y", GradientCheck.gaussian(9, 1, 3, 6, 6), target, quantity);
  }

  /**
   * Checks that the input gradient of {@code target}'s seed equals the central differences of
   * {@code quantity}, computed from plain forward passes of output {@code output}.
   */
  static void checkAgainstNumeric(OnnxModel model, String input, String output, FloatTensor x, Target target,
      ToDoubleFunction<double[]> quantity) {
    checkAgainstNumeric(model, input, output, x, target, quantity, 1e-3);
  }

  /** As above with step {@code eps}: a larger one for small gradients, which float noise would swamp. */
  static void checkAgainstNumeric(OnnxModel model, String input, String output, FloatTensor x, Target target,
      ToDoubleFunction<double[]> quantity, double eps) {
    try (Explainer explainer = Explainer.of(model, 1)) {
      GradientRequest request = GradientRequest.builder(output).wrt(input).build();
      float[] analytic = explainer.runtime().runGradients(x, request, List.of(target)).gradients().get(input).data();
      double maxError = 0;
      double maxGradient = 0;
      for (int i = 0; i < analytic.length; i++) {
        double[] values = new double[2];
        for (int sign = 0; sign < 2; sign++) {
          float[] d = x.data().clone();
          d[i] += sign == 0 ? eps : -eps;
          float[] out = explainer.forward(new FloatTensor(x.shape(), d), List.of(output)).get(output).data();
          double[] outD = new double[out.length];
          for (int k = 0; k < out.length; k++) {
            outD[k] = out[k];
          }
          values[sign] = quantity.applyAsDouble(outD);
        }
        double numeric = (values[0] - values[1]) / (2 * eps);
        maxError = Math.max(maxError, Math.abs(numeric - analytic[i]));
        maxGradient = Math.max(maxGradient, Math.abs(analytic[i]));
      }
      assertThat(maxGradient).isGreaterThan(1e-4);
      assertThat(maxError).as("max |analytic - numeric|").isLessThan(2e-3 * maxGradient + 2e-5);
    }
  }
}
