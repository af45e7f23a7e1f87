package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The exported explainer computes, in a plain ONNX Runtime session, the same map as explain(). */
class ExportedExplainerTest {
  @Test
  void exportedGraphReproducesExplainForAClassAndForTheTopPrediction() {
    try (Explainer explainer = Explainer.load(SharedData.model(SharedData.MOBILENET_V2))) {
      FloatTensor input = ReferenceCases.input("mobilenetv2", "gradcam_cat_dog");
      long[] shape = input.shape();
      ExplainRequest request = ExplainRequest.gradCam();
      String layer = explainer.resolveLayer(null, shape, null);
      GradientGraph g = explainer.compile(request, shape);
      OnnxModel exported = ExportedExplainer.build(g, "gradcam", layer, explainer.shapes(shape).shape(layer));
      OnnxModel reloaded = OnnxModel.fromBytes(exported.toByteArray(), "exported");
      assertThat(reloaded.graph().outputNames()).containsExactly("scores", "cam");

      Explanation cat = explainer.explain(input, request.withTarget(Target.classIndex(282))).get(0);
      Explanation top = explainer.explain(input, request).get(0);
      float[] seed = new float[1000];
      seed[282] = 1;
      try (OnnxSession s = new OnnxSession(reloaded, 0)) {
        Map<String, FloatTensor> out = s.run(Map.of("input", input, "seed", new FloatTensor(new long[] {1, 1000}, seed)),
            List.of("scores", "cam"));
        assertThat(out.get("cam").shape()).containsExactly(1, 7, 7);
        assertThat(ReferenceCases.relativeMaxError(out.get("cam").data(), cat.lowRes().data())).isLessThan(1e-6);
        Map<String, FloatTensor> viaTop1 = s.run(Map.of("input", input, "seed", FloatTensor.zeros(1, 1000)),
            List.of("cam"));
        assertThat(ReferenceCases.relativeMaxError(viaTop1.get("cam").data(), top.lowRes().data())).isLessThan(1e-6);
      }
    }
  }

  @Test
  void eachMethodSaysWhetherItCanBeExported() {
    assertThat(Methods.exportable()).containsExactly("gradcam", "gradcam++", "xgradcam", "hirescam", "layercam");
    GradientRequest request = ExportedExplainer.request(Methods.byName("layercam"), "logits", "features");
    assertThat(request.wrt()).containsExactly("features");
    assertThat(request.extensions()).containsOnlyKeys(ExportedExplainer.EXTENSION_KEY);

    assertThatThrownBy(() -> ExportedExplainer.request(Methods.byName("scorecam"), "logits", "features"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("gradcam, gradcam++, xgradcam, hirescam, layercam").hasMessageContaining("'scorecam'");
  }
}
