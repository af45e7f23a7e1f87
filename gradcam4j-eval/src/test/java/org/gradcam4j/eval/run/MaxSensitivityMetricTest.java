package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.MaxSensitivity;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.eval.run.metrics.MaxSensitivityMetric;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.run.metrics.ModelMetric;
import org.gradcam4j.eval.run.metrics.Scores;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * The max-sensitivity metric in an evaluation's place, on a linear model: saliency (the weights) does
 * not move when the input does, gradient x input does; images beyond the metric's count are left out.
 */
class MaxSensitivityMetricTest {
  private static final int SIZE = 6;

  private static OnnxModel linear() {
    Random r = new Random(1);
    float[] w = new float[3 * SIZE * SIZE];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) r.nextGaussian();
    }
    return OnnxModel.of(Models.single(17, new long[] {1, 3, SIZE, SIZE}, (b, x) -> {
      String sum = b.reduceSum(b.mul(x, b.initializer("w", new long[] {1, 3, SIZE, SIZE}, w)), new long[] {1, 2, 3}, true);
      return b.node("Flatten").inputs(sum).attr("axis", 1L).output();
    }), "linear");
  }

  @Test
  void aConstantMapScoresZeroAndAnInputDependentOneDoesNot() {
    OnnxModel model = linear();
    Random r = new Random(2);
    float[] data = new float[2 * 3 * SIZE * SIZE];
    for (int i = 0; i < data.length; i++) {
      data[i] = 1 + (float) r.nextGaussian();
    }
    FloatTensor inputs = new FloatTensor(new long[] {2, 3, SIZE, SIZE}, data);
    List<ExplanationMethod> methods = List.of(Methods.byName("saliency"), Methods.byName("gradxinput"));
    ExplainRequest request = ExplainRequest.of("saliency").withTarget(Target.classIndex(0));
    Map<String, List<SaliencyMap>> maps = new HashMap<>();
    try (Explainer explainer = Explainer.of(model, 1)) {
      for (ExplanationMethod m : methods) {
        maps.put(m.name(), explainer.explain(inputs, request.withMethod(m)).stream()
            .map(e -> SaliencyMap.of(e.displayMap(SIZE, SIZE), SIZE, SIZE)).toList());
      }
    }
    Map<String, Double> found = new HashMap<>();
    MetricSettings settings = MetricSettings.defaults()
        .withMaxSensitivity(new MaxSensitivity.Settings(4, 0.2, 1, 0L));
    try (ModelMetric.Run run = new MaxSensitivityMetric().open(model, 1, settings)) {
      run.score(new ModelMetric.Batch(List.of(0, 1), inputs, request, methods, new int[] {0, 0}, maps),
          new ModelMetric.Results() {
            @Override
            public Scores of(int image, String method) {
              return new Scores() {
                @Override
                public void value(String column, double value) {
                  found.put(image + " " + method + " " + column, value);
                }

                @Override
                public void curve(String name, double[] x, double[] y) {}
              };
            }

            @Override
            public void steps(int image, String method, SanityCheck.Result similarities) {}
          });
    }
    String column = MaxSensitivityMetric.MAX_SENSITIVITY;
    // Only the first image (data index 0 < 1) is scored.
    assertThat(found).containsOnlyKeys("0 saliency " + column, "0 gradxinput " + column);
    assertThat(found.get("0 saliency " + column)).isLessThan(1e-6);
    assertThat(found.get("0 gradxinput " + column)).isGreaterThan(1e-3);
  }
}
