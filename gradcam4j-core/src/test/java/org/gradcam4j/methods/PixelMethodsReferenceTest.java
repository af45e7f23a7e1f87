package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.math.RankCorrelation;
import org.gradcam4j.io.Npy;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.ReferenceCases.Case;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Saliency and guided backpropagation against Captum's attributions for every stored case. Gradients
 * through hundreds of ReLU/MaxPool masks are sensitive to float rounding (see the reference README's
 * quirk 7), so besides the relative error of the 8x8-pooled maps the Pearson correlation of the full
 * attributions is checked. Needs ../shared.
 */
class PixelMethodsReferenceTest {
  private static final Map<String, Explainer> EXPLAINERS = new HashMap<>();

  @AfterAll
  static void close() {
    EXPLAINERS.values().forEach(Explainer::close);
  }

  private static Explainer explainer(String modelKey) {
    return EXPLAINERS.computeIfAbsent(modelKey, k -> Explainer.load(ReferenceCases.modelFile(k)));
  }

  @Test
  void saliencyMatchesCaptum() {
    compare("Saliency", "saliency", false);
  }

  @Test
  void guidedBackpropThroughReluOnlyMatchesCaptum() {
    // Captum hooks nn.ReLU only: on the MobileNets (ReLU6 = Clip) that is the plain signed gradient.
    compare("GuidedBackprop", "guided-backprop", true);
  }

  @Test
  void guidedBackpropThroughRelu6MatchesCaptumOnReluPlusHardtanh() {
    compare("GuidedBackprop_relu6", "guided-backprop", false);
  }

  private static void compare(String referenceMethod, String method, boolean reluOnly) {
    List<Case> cases = ReferenceCases.find(referenceMethod, "pool8");
    assertThat(cases).isNotEmpty();
    double worstPooled = 0;
    double worstCorrelation = 1;
    long correlated = 0;
    for (Case c : cases) {
      FloatTensor input = ReferenceCases.input(c.modelKey(), c.image());
      MethodOptions options = MethodOptions.defaults().toBuilder().absoluteSaliency(true).reluOnly(reluOnly)
          .augSmooth(false).eigenSmooth(false).build();
      ExplainRequest request = ExplainRequest.of(method).withScoreTensor(ReferenceCases.scoreTensor(c.modelKey()))
          .withTarget(Target.classIndex(c.classIndex())).withOptions(options);
      Explanation e = explainer(c.modelKey()).explain(input, request).get(0);
      float[] attribution = e.attribution().data();
      float[] pooled = pool8(attribution, 224, 224);
      double pooledError = ReferenceCases.relativeMaxError(pooled, Npy.read(c.file()).data());
      worstPooled = Math.max(worstPooled, pooledError);
      assertThat(pooledError).as("pooled %s", c.file().getFileName()).isLessThan(1e-2);
      if (java.nio.file.Files.exists(c.sibling("attr"))) {
        double r = RankCorrelation.pearson(attribution, Npy.read(c.sibling("attr")).data());
        worstCorrelation = Math.min(worstCorrelation, r);
        assertThat(r).as("correlation %s", c.sibling("attr").getFileName()).isGreaterThan(0.999);
        correlated++;
      }
    }
    // The full attributions are stored only for the cases whose store_attr lists the method.
    long expectedCorrelated = cases.stream().filter(c -> c.storedFor("store_attr")).count();
    assertThat(expectedCorrelated).as("cases with full %s attributions", referenceMethod).isPositive();
    assertThat(correlated).as("%s cases whose correlation was checked", referenceMethod).isEqualTo(expectedCorrelated);
    System.out.printf("%s vs Captum %s: %d cases, worst pooled relative error %.2e, worst correlation %.6f%n",
        method, referenceMethod, cases.size(), worstPooled, worstCorrelation);
  }


  /** Channel sum, then the mean over 8x8 blocks (the reference's pool8). */
  static float[] pool8(float[] chw, int h, int w) {
    int plane = h * w;
    float[] out = new float[(h / 8) * (w / 8)];
    for (int by = 0; by < h / 8; by++) {
      for (int bx = 0; bx < w / 8; bx++) {
        double s = 0;
        for (int c = 0; c < chw.length / plane; c++) {
          for (int y = by * 8; y < by * 8 + 8; y++) {
            for (int x = bx * 8; x < bx * 8 + 8; x++) {
              s += chw[c * plane + y * w + x];
            }
          }
        }
        out[by * (w / 8) + bx] = (float) (s / 64);
      }
    }
    return out;
  }
}
