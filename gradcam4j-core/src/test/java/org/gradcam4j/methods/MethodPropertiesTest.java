package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.math.RankCorrelation;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/** Properties the methods must have whatever the reference libraries compute. */
class MethodPropertiesTest {
  /** A small smooth classifier: Conv -> Tanh -> Conv -> Tanh -> GAP -> Gemm (5 classes). */
  static OnnxModel smoothNet() {
    return OnnxModel.of(Models.single(new long[] {1, 3, 16, 16}, (b, x) -> {
      String c1 = b.op("Tanh", b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.3f, 6, 3, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output());
      String c2 = b.op("Tanh", b.node("Conv").inputs(c1, Models.weights(b, "w2", 2, 0.3f, 8, 6, 3, 3))
          .attrInts("pads", 1, 1, 1, 1).output());
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", c2)).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 3, 1f, 5, 8)).attr("transB", 1L).output();
    }), "smooth net");
  }

  @Test
  void integratedGradientsAreComplete() {
    try (Explainer explainer = Explainer.of(smoothNet(), 1)) {
      FloatTensor x = GradientCheck.gaussian(4, 2, 3, 16, 16);
      MethodOptions o = MethodOptions.defaults();
      ExplainRequest request = ExplainRequest.of("integrated-gradients").withTarget(Target.classIndex(2));
      List<Explanation> result = explainer.explain(x, request);
      float[][] atBaseline = explainer.runtime().scoreRows(FloatTensor.zeros(2, 3, 16, 16), "y");
      for (int i = 0; i < 2; i++) {
        double sum = 0;
        for (float a : result.get(i).attribution().data()) {
          sum += a;
        }
        double expected = result.get(i).scores()[2] - atBaseline[i][2];
        assertThat(Math.abs(expected)).isGreaterThan(0.05);
        assertThat(sum).as("image %d", i).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-3 * Math.abs(expected) + 1e-5));
      }
      assertThat(o.igSteps()).isEqualTo(50);
    }
  }

  @Test
  void integratedGradientsAreNearlyCompleteOnARealNetwork() {
    try (Explainer explainer = Explainer.load(SharedData.model(SharedData.MOBILENET_V1))) {
      FloatTensor x = ReferenceCases.input("mobilenetv1_025", "chelsea");
      Explanation e = explainer.explain(x, ExplainRequest.of("integrated-gradients")
          .withTarget(Target.classIndex(285))).get(0);
      double sum = 0;
      for (float a : e.attribution().data()) {
        sum += a;
      }
      float base = explainer.runtime().scoreRows(FloatTensor.zeros(1, 3, 224, 224), "logits")[0][285];
      double expected = e.scores()[285] - base;
      // A ReLU network is only piecewise smooth along the path, so the quadrature is not exact.
      assertThat(sum).isCloseTo(expected, org.assertj.core.data.Offset.offset(0.05 * Math.abs(expected)));
    }
  }

  @Test
  void counterfactualDogMapHighlightsTheCat() {
    try (Explainer explainer = Explainer.load(SharedData.model(SharedData.MOBILENET_V2))) {
      FloatTensor x = ReferenceCases.input("mobilenetv2", "gradcam_cat_dog");
      ExplainRequest gradCam = ExplainRequest.gradCam();
      float[] dog = explainer.explain(x, gradCam.withTarget(Target.classIndex(243))).get(0).lowRes().data();
      float[] cat = explainer.explain(x, gradCam.withTarget(Target.classIndex(282))).get(0).lowRes().data();
      float[] notDog = explainer.explain(x, gradCam.withTarget(Target.classIndex(243).counterfactual())).get(0)
          .lowRes().data();
      double catVsNotDog = RankCorrelation.pearson(cat, notDog);
      double catVsDog = RankCorrelation.pearson(cat, dog);
      // What speaks against "dog" is where the cat is; what speaks for "dog" is not.
      assertThat(catVsNotDog).isGreaterThan(0.5).isGreaterThan(catVsDog + 0.5);
    }
  }

  @Test
  void batchResultsEqualSingleImageResults() {
    try (Explainer explainer = Explainer.load(SharedData.model(SharedData.MOBILENET_V1))) {
      FloatTensor a = ReferenceCases.input("mobilenetv1_025", "chelsea");
      FloatTensor b = ReferenceCases.input("mobilenetv1_025", "coffee");
      FloatTensor both = FloatTensor.stack(List.of(a.item(0), b.item(0)));
      MethodOptions quick = MethodOptions.defaults().toBuilder().smoothSamples(4).igSteps(8).build();
      List<String> names = List.of("gradcam", "gradcam++", "xgradcam", "hirescam", "layercam", "saliency",
          "gradxinput", "guided-backprop", "deconvnet", "guided-gradcam", "smoothgrad", "integrated-gradients");
      List<ExplanationMethod> methods = names.stream().map(Methods::byName).toList();
      ExplainRequest request = ExplainRequest.gradCam().withMethods(methods).withOptions(quick).withTargets(
          List.of(Target.topPrediction(), Target.classIndex(504)));
      Map<String, List<Explanation>> batched = explainer.explainAll(both, request);
      Map<String, List<Explanation>> first = explainer.explainAll(a, request.withTarget(Target.topPrediction()));
      Map<String, List<Explanation>> second = explainer.explainAll(b, request.withTarget(Target.classIndex(504)));
      for (String m : names) {
        assertSame(m, batched.get(m).get(0), first.get(m).get(0));
        assertSame(m, batched.get(m).get(1), second.get(m).get(0));
      }
    }
  }

  private static void assertSame(String method, Explanation batched, Explanation single) {
    assertThat(batched.targetClass()).as(method).isEqualTo(single.targetClass());
    float[] x = batched.displayMap(224, 224);
    float[] y = single.displayMap(224, 224);
    double err = ReferenceCases.relativeMaxError(x, y);
    assertThat(err).as("%s: batch vs single", method).isLessThan(1e-4);
  }

  @Test
  void guidedBackpropGradientIsNonNegativeBelowEveryRelu() {
    var model = Models.single(new long[] {1, 3, 12, 12}, (b, x) -> {
      String c1 = b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.5f, 6, 3, 3, 3)).attrInts("pads", 1, 1, 1, 1)
          .outputNamed("conv1");
      String r1 = b.relu(c1);
      String c2 = b.node("Conv").inputs(r1, Models.weights(b, "w2", 2, 0.5f, 6, 6, 3, 3)).attrInts("pads", 1, 1, 1, 1)
          .output();
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", b.relu(c2))).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 3, 1f, 4, 6)).attr("transB", 1L).output();
    });
    try (Explainer explainer = Explainer.of(OnnxModel.of(model, "relu net"), 1)) {
      FloatTensor x = GradientCheck.gaussian(5, 2, 3, 12, 12);
      for (BackwardVariant variant : List.of(BackwardVariant.GUIDED, BackwardVariant.STANDARD)) {
        GradientRequest request = GradientRequest.builder("y").wrt("conv1").variant(variant).build();
        float[] g = explainer.runtime().runGradients(x, request, List.of(Target.weights(new float[] {1, -2, 0.5f, -1})))
            .gradients().get("conv1").data();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : g) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        if (variant == BackwardVariant.GUIDED) {
          assertThat(min).as("guided").isGreaterThanOrEqualTo(0f);
          assertThat(max).isGreaterThan(0f);
        } else {
          assertThat(min).as("the standard gradient has both signs, so the guided check is not vacuous").isNegative();
        }
      }
    }
  }
}
