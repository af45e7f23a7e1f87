package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.Npy;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.ReferenceCases.Case;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CAM: classifier weights read from the graph, the Grad-CAM scale property, and where it refuses. */
class ClassActivationMapTest {
  private static final int PLANE = TinyNets.SIZE * TinyNets.SIZE;

  @ParameterizedTest
  @EnumSource(TinyNets.Head.class)
  void camIsGradCamTimesTheNumberOfPositionsAndUsesTheClassifierRows(TinyNets.Head head) {
    TinyNets.Net net = TinyNets.gapNet(head, false);
    FloatTensor images = TinyNets.images(11, 3);
    try (Explainer explainer = net.explainer()) {
      for (int cls = 0; cls < TinyNets.CLASSES; cls++) {
        ExplainRequest request = ExplainRequest.of("cam").withLayer(TinyNets.LAYER).withTarget(Target.classIndex(cls));
        List<Explanation> cams = explainer.explain(images, request);
        List<Explanation> gradCams = explainer.explain(images, request.withMethod(Methods.byName("gradcam")));
        for (int i = 0; i < images.dim(0); i++) {
          assertThat(cams.get(i).channelWeights()).containsExactly(net.classWeights()[cls],
              org.assertj.core.data.Offset.offset(1e-6f));
          float[] cam = cams.get(i).lowRes().data();
          float[] gradCam = gradCams.get(i).lowRes().data();
          double max = 0;
          for (float v : cam) {
            max = Math.max(max, v);
          }
          assertThat(max).as("a map that is all zero would prove nothing").isGreaterThan(0);
          // Grad-CAM's weights are W[c, k] / (h w) on a GAP + linear network: a positive scale.
          for (int p = 0; p < cam.length; p++) {
            assertThat((double) cam[p]).isCloseTo(PLANE * gradCam[p], org.assertj.core.data.Offset.offset(1e-5 * max));
          }
        }
      }
    }
  }

  @Test
  void withEigenSmoothingCamIsStillGradCamTimesTheNumberOfPositions() {
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.MATMUL_ADD, false);
    FloatTensor images = TinyNets.images(13, 2);
    MethodOptions eigen = MethodOptions.defaults().toBuilder().eigenSmooth(true).build();
    try (Explainer explainer = net.explainer()) {
      ExplainRequest request = ExplainRequest.of("cam").withLayer(TinyNets.LAYER).withTarget(Target.classIndex(2))
          .withOptions(eigen);
      List<Explanation> cams = explainer.explain(images, request);
      List<Explanation> gradCams = explainer.explain(images, request.withMethod(Methods.byName("gradcam")));
      List<Explanation> plain = explainer.explain(images, request.withOptions(MethodOptions.defaults()));
      for (int i = 0; i < 2; i++) {
        float[] cam = cams.get(i).lowRes().data();
        float[] expected = gradCams.get(i).lowRes().data().clone();
        for (int p = 0; p < expected.length; p++) {
          expected[p] *= PLANE;
        }
        assertThat(ReferenceCases.relativeMaxError(cam, expected)).isLessThan(1e-4);
        assertThat(ReferenceCases.relativeMaxError(cam, plain.get(i).lowRes().data()))
            .as("the smoothed map differs from the weighted sum").isGreaterThan(1e-3);
      }
    }
  }

  @Test
  void topPredictionUsesTheRowOfTheHighestScore() {
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, false);
    FloatTensor images = TinyNets.images(12, 2);
    try (Explainer explainer = net.explainer()) {
      List<Explanation> cams = explainer.explain(images, ExplainRequest.of("cam"));
      for (Explanation e : cams) {
        int top = ArgMax.of(e.scores());
        assertThat(e.targetClass()).isEqualTo(top);
        assertThat(e.channelWeights()).containsExactly(net.classWeights()[top], org.assertj.core.data.Offset.offset(1e-6f));
      }
    }
  }

  @Test
  void squeezeNetConv10IsPooledIntoTheScoresSoTheMapIsTheClassChannel() {
    Case c = ReferenceCases.find("GradCAM", "lowres").stream().filter(k -> k.layerKey().equals("conv10"))
        .findFirst().orElseThrow();
    try (Explainer explainer = Explainer.load(ReferenceCases.modelFile(c.modelKey()))) {
      FloatTensor input = ReferenceCases.input(c.modelKey(), c.image());
      String layer = ReferenceCases.layerTensor(c.modelKey(), c.layerKey());
      Explanation e = explainer.explain(input, ExplainRequest.of("cam").withLayer(layer)
          .withScoreTensor(ReferenceCases.scoreTensor(c.modelKey())).withTarget(Target.classIndex(c.classIndex()))).get(0);
      FloatTensor activation = explainer.forward(input, List.of(layer)).get(layer).item(0);
      int plane = (int) (activation.dim(1) * activation.dim(2));
      float[] channel = java.util.Arrays.copyOfRange(activation.data(), c.classIndex() * plane,
          (c.classIndex() + 1) * plane);
      assertThat(e.lowRes().data()).containsExactly(channel, org.assertj.core.data.Offset.offset(1e-5f));
      // pytorch-grad-cam's Grad-CAM there is the class channel divided by 13 x 13.
      float[] reference = Npy.read(c.file()).data();
      float[] scaled = new float[reference.length];
      for (int p = 0; p < scaled.length; p++) {
        scaled[p] = reference[p] * plane;
      }
      assertThat(ReferenceCases.relativeMaxError(e.lowRes().data(), scaled)).isLessThan(1e-4);
    }
  }

  @Test
  void aNonLinearStepAfterThePoolingIsRefusedWithAPointerToGradCam() {
    var proto = Models.single(17, new long[] {1, 3, 8, 8}, (b, x) -> {
      String w = Models.weights(b, "conv_w", 1, 0.4f, 4, 3, 3, 3);
      String features = b.node("Relu").inputs(b.node("Conv").inputs(x, w).attrInts("kernel_shape", 3, 3).output())
          .outputNamed("features");
      String pooled = b.node("Flatten").inputs(b.op("GlobalAveragePool", features)).output();
      String hidden = b.relu(b.node("Gemm").inputs(pooled, Models.weights(b, "h", 2, 1f, 4, 4)).attr("transB", 1L)
          .output());
      return b.node("Gemm").inputs(hidden, Models.weights(b, "o", 3, 1f, 2, 4)).attr("transB", 1L).output();
    });
    try (Explainer explainer = Explainer.of(OnnxModel.of(proto, "mlp head"), 1)) {
      FloatTensor images = GradientCheck.gaussian(1, 1, 3, 8, 8);
      assertThatThrownBy(() -> explainer.explain(images, ExplainRequest.of("cam").withLayer("features")))
          .isInstanceOf(GradCamException.class)
          .hasMessageContaining("CAM does not apply to layer 'features'")
          .hasMessageContaining("Relu")
          .hasMessageContaining("use gradcam");
    }
  }

  @Test
  void aSecondPathFromTheImageToTheScoresIsRefused() {
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, true);
    try (Explainer explainer = net.explainer()) {
      FloatTensor images = TinyNets.images(3, 1);
      // With a second path from the image, the classifier output meets a non-constant Add.
      assertThatThrownBy(() -> explainer.explain(images, ExplainRequest.of("cam").withLayer(TinyNets.LAYER)))
          .isInstanceOf(GradCamException.class)
          .hasMessageContaining("not linear");
    }
  }
}
