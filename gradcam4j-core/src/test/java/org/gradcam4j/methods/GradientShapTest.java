package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * GradientSHAP on a linear model {@code f(x) = W x + b} (a 1x1 convolution and a Gemm), where the gradient is W everywhere: each
 * sample contributes {@code W * (x + noise - baseline)}, so the mean equals Integrated Gradients'
 * {@code W * (x - baseline)} averaged over the baselines in expectation, with a Monte-Carlo error of
 * known size.
 */
class GradientShapTest {
  private static final int CLASS = 1;

  private static OnnxModel linear() {
    return OnnxModel.of(Models.single(new long[] {1, 3, 6, 6}, (b, x) -> {
      // A 1x1 convolution first: the explainer wants a 4-D layer, even for pixel attributions.
      String mixed = b.node("Conv").inputs(x, Models.weights(b, "c", 3, 1f, 2, 3, 1, 1)).output();
      String flat = b.node("Flatten").inputs(mixed).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "w", 1, 1f, 3, 72), Models.weights(b, "b", 2, 1f, 3))
          .attr("transB", 1L).output();
    }), "linear");
  }

  private static float[] explain(Explainer explainer, FloatTensor x, String method, MethodOptions o) {
    return explainer.explain(x, ExplainRequest.of(method).withOptions(o).withTarget(Target.classIndex(CLASS)))
        .get(0).attribution().data();
  }

  @Test
  void withoutNoiseItIsIntegratedGradients() {
    try (Explainer explainer = Explainer.of(linear(), 1)) {
      FloatTensor x = GradientCheck.gaussian(3, 1, 3, 6, 6);
      MethodOptions o = MethodOptions.defaults().toBuilder().smoothNoise(0).smoothSamples(7).build();
      float[] shap = explain(explainer, x, "gradientshap", o);
      float[] ig = explain(explainer, x, "integrated-gradients", o);
      for (int k = 0; k < ig.length; k++) {
        assertThat(shap[k]).isCloseTo(ig[k], org.assertj.core.data.Offset.offset(1e-5f * (1 + Math.abs(ig[k]))));
      }
    }
  }

  /**
   * With noise of standard deviation s and several uniform baselines, each element of the mean of n
   * samples deviates from the expectation {@code W * (x - mean baseline)} by a sum of two independent
   * errors: the noise ({@code |W| s / sqrt(n)}) and the random choice of baseline
   * ({@code |W| spread / sqrt(n)}, spread = the baselines' standard deviation at that element). The
   * test allows five standard deviations; a result off by a wrong factor (say, forgetting to subtract
   * the baseline) would be off by far more.
   */
  @Test
  void itsMeanIsIntegratedGradientsAveragedOverTheBaselines() {
    try (Explainer explainer = Explainer.of(linear(), 1)) {
      FloatTensor x = GradientCheck.gaussian(4, 1, 3, 6, 6);
      int baselines = 3;
      int samples = 4000;
      MethodOptions o = MethodOptions.defaults().toBuilder().igBaseline(IntegratedGradients.Baseline.UNIFORM)
          .baselines(baselines).smoothSamples(samples).smoothNoise(0.1f).seed(11).build();
      float[] shap = explain(explainer, x, "gradientshap", o);
      // IG for each baseline draw k: IG's uniform baseline for image 0 with seed s + k is draw k.
      float[][] ig = new float[baselines][];
      float[][] base = new float[baselines][];
      for (int k = 0; k < baselines; k++) {
        MethodOptions draw = o.toBuilder().seed(o.seed() + k).build();
        ig[k] = explain(explainer, x, "integrated-gradients", draw);
        base[k] = IntegratedGradients.baseline(draw, x.item(0), 0);
      }
      float sigma = 0.1f * SmoothGrad.range(x.data());
      double worst = 0;
      for (int e = 0; e < shap.length; e++) {
        double mean = 0;
        double meanBase = 0;
        double meanSquareBase = 0;
        for (int k = 0; k < baselines; k++) {
          mean += ig[k][e] / baselines;
          meanBase += base[k][e] / baselines;
          meanSquareBase += (double) base[k][e] * base[k][e] / baselines;
        }
        double weight = Math.abs(ig[0][e] / (x.data()[e] - base[0][e]));
        double spread = Math.sqrt(Math.max(0, meanSquareBase - meanBase * meanBase));
        double sd = weight * Math.sqrt(sigma * sigma + spread * spread) / Math.sqrt(samples);
        worst = Math.max(worst, Math.abs(shap[e] - mean) / sd);
      }
      assertThat(worst).isLessThan(5);
    }
  }
}
