package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.assertj.core.data.Offset;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * DeepLIFT's completeness (the attributions sum to {@code f(x) - f(x0)}) for every kind of reference
 * and for DeepLIFT-SHAP (the mean over the references), on a small ReLU network and on MobileNetV2
 * (ReLU6 Clips, residual additions, global average pooling); and the same result for an image alone
 * as in a batch, whose reference is shared.
 */
class DeepLiftTest {
  private static final int CLASS = 2;

  /** Conv + bias, Relu, Conv + bias, Relu, 2x2 average pooling, global average pooling, Gemm + bias. */
  static OnnxModel reluNet() {
    return OnnxModel.of(Models.single(new long[] {1, 3, 16, 16}, (b, x) -> {
      String c1 = b.relu(b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.3f, 6, 3, 3, 3),
          Models.weights(b, "b1", 4, 0.2f, 6)).attrInts("pads", 1, 1, 1, 1).output());
      String p1 = b.node("AveragePool").inputs(c1).attrInts("kernel_shape", 2, 2).attrInts("strides", 2, 2).output();
      String c2 = b.relu(b.node("Conv").inputs(p1, Models.weights(b, "w2", 2, 0.3f, 8, 6, 3, 3),
          Models.weights(b, "b2", 5, 0.2f, 8)).attrInts("pads", 1, 1, 1, 1).output());
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", c2)).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 3, 1f, 5, 8), Models.weights(b, "fcb", 6, 0.5f, 5))
          .attr("transB", 1L).output();
    }), "relu net");
  }

  private static double sum(float[] v) {
    double s = 0;
    for (float f : v) {
      s += f;
    }
    return s;
  }

  private static void assertComplete(Explainer explainer, FloatTensor x, MethodOptions o) {
    List<Explanation> result = explainer.explain(x, ExplainRequest.of("deeplift").withOptions(o)
        .withTarget(Target.classIndex(CLASS)));
    for (int i = 0; i < x.dim(0); i++) {
      FloatTensor image = x.item(i);
      double atReferences = 0;
      for (int k = 0; k < o.baselines(); k++) {
        FloatTensor reference = new FloatTensor(image.shape(), IntegratedGradients.baseline(o, image, k));
        atReferences += explainer.runtime().scoreRows(FloatTensor.stack(List.of(reference)), "y")[0][CLASS];
      }
      double expected = result.get(i).scores()[CLASS] - atReferences / o.baselines();
      assertThat(Math.abs(expected)).isGreaterThan(0.01);
      assertThat(sum(result.get(i).attribution().data())).as("%s, image %d", o.igBaseline(), i)
          .isCloseTo(expected, Offset.offset(1e-5 * Math.abs(expected) + 1e-6));
    }
  }

  @Test
  void attributionsSumToTheScoreDifferenceForEveryReference() {
    try (Explainer explainer = Explainer.of(reluNet(), 1)) {
      FloatTensor x = GradientCheck.gaussian(4, 3, 3, 16, 16);
      for (IntegratedGradients.Baseline baseline : IntegratedGradients.Baseline.values()) {
        assertComplete(explainer, x, MethodOptions.defaults().toBuilder().igBaseline(baseline).build());
      }
    }
  }

  @Test
  void deepLiftShapIsCompleteForTheMeanOfItsReferences() {
    try (Explainer explainer = Explainer.of(reluNet(), 1)) {
      FloatTensor x = GradientCheck.gaussian(5, 2, 3, 16, 16);
      MethodOptions shap = MethodOptions.defaults().toBuilder().igBaseline(IntegratedGradients.Baseline.UNIFORM)
          .baselines(4).build();
      assertComplete(explainer, x, shap);
      // Its result is the mean of DeepLIFT over the four references, not one of them.
      float[] one = explainer.explain(x, ExplainRequest.of("deeplift").withOptions(shap.toBuilder().baselines(1).build())
          .withTarget(Target.classIndex(CLASS))).get(0).attribution().data();
      float[] mean = explainer.explain(x, ExplainRequest.of("deeplift").withOptions(shap)
          .withTarget(Target.classIndex(CLASS))).get(0).attribution().data();
      assertThat(ReferenceCases.relativeMaxError(one, mean)).isGreaterThan(0.05);
    }
  }

  @Test
  void anImageInABatchGetsTheSameAttributionAsAlone() {
    try (Explainer explainer = Explainer.of(reluNet(), 1)) {
      FloatTensor x = GradientCheck.gaussian(6, 3, 3, 16, 16);
      ExplainRequest request = ExplainRequest.of("deeplift").withTarget(Target.topPrediction());
      List<Explanation> batched = explainer.explain(x, request);
      for (int i = 0; i < 3; i++) {
        float[] alone = explainer.explain(FloatTensor.stack(List.of(x.item(i))), request).get(0).attribution().data();
        assertThat(ReferenceCases.relativeMaxError(batched.get(i).attribution().data(), alone)).isLessThan(1e-5);
      }
    }
  }

  @Test
  void isCompleteOnMobileNetV2() {
    try (Explainer explainer = Explainer.load(SharedData.model(SharedData.MOBILENET_V2))) {
      FloatTensor x = ReferenceCases.input("mobilenetv2", "chelsea");
      String score = ReferenceCases.scoreTensor("mobilenetv2");
      Explanation e = explainer.explain(x, ExplainRequest.of("deeplift").withScoreTensor(score)
          .withTarget(Target.classIndex(285))).get(0);
      float base = explainer.runtime().scoreRows(FloatTensor.zeros(1, 3, 224, 224), score)[0][285];
      double expected = e.scores()[285] - base;
      assertThat(Math.abs(expected)).isGreaterThan(1);
      // Exact up to float rounding over 3.5 million multiply-adds per output, unlike Integrated Gradients' 5%.
      assertThat(sum(e.attribution().data())).isCloseTo(expected, Offset.offset(1e-3 * Math.abs(expected)));
    }
  }

  @Test
  void aModelWithAFixedBatchSizeIsRefusedWithAReason() {
    var proto = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, false).model().proto();
    var graph = proto.getGraph().toBuilder();
    var input = graph.getInput(0).toBuilder();
    input.getTypeBuilder().getTensorTypeBuilder().getShapeBuilder().getDimBuilder(0).clearDimParam().setDimValue(2);
    graph.setInput(0, input);
    OnnxModel fixed = OnnxModel.of(proto.toBuilder().setGraph(graph).build(), "fixed batch");
    try (Explainer explainer = Explainer.of(fixed, 1)) {
      assertThatThrownBy(() -> explainer.explain(TinyNets.images(1, 2), ExplainRequest.of("deeplift")))
          .isInstanceOf(GradCamException.class).hasMessageContaining("any batch size");
    }
  }
}
