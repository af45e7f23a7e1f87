package org.gradcam4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.OperatorSetIdProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.gradcam4j.testing.TargetModels;
import org.junit.jupiter.api.Test;

/** Models whose input is not one channels-first image: channels-last inputs, second inputs, contrib ops. */
class InputLayoutsTest {
  /** The same pixels laid out [N, H, W, C]. */
  private static FloatTensor toChannelsLast(FloatTensor nchw) {
    int n = (int) nchw.dim(0);
    int c = (int) nchw.dim(1);
    int h = (int) nchw.dim(2);
    int w = (int) nchw.dim(3);
    float[] out = new float[nchw.data().length];
    for (int i = 0; i < n; i++) {
      for (int ch = 0; ch < c; ch++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            out[((i * h + y) * w + x) * c + ch] = nchw.data()[((i * c + ch) * h + y) * w + x];
          }
        }
      }
    }
    return new FloatTensor(new long[] {n, h, w, c}, out);
  }

  @Test
  void channelsLastModelIsFedChannelsFirstAndGivesItsTwinsMaps() {
    FloatTensor batch = GradientCheck.gaussian(4, 2, 3, 8, 8);
    OnnxModel nhwc = OnnxModel.of(TargetModels.channelsLast(), "nhwc");
    // The original channels-last model computes the same scores from the transposed pixels.
    float[] original;
    try (OnnxSession s = new OnnxSession(nhwc, 1)) {
      original = s.run(Map.of("x", toChannelsLast(batch)), List.of("y")).get("y").data();
    }
    for (String method : List.of("gradcam", "hirescam", "guided-backprop", "integrated-gradients")) {
      ExplainRequest request = ExplainRequest.of(method).withTarget(Target.classIndex(2));
      List<Explanation> last;
      List<Explanation> first;
      try (Explainer a = Explainer.of(nhwc, 1);
          Explainer b = Explainer.of(OnnxModel.of(TargetModels.channelsFirstTwin(), "nchw"), 1)) {
        assertThat(a.declaredInputShape()).containsExactly(-1, 3, 8, 8);
        last = a.explain(batch, request);
        first = b.explain(batch, request);
      }
      for (int i = 0; i < 2; i++) {
        assertThat(last.get(i).scores()).containsExactly(java.util.Arrays.copyOfRange(original, 5 * i, 5 * i + 5),
            org.assertj.core.data.Offset.offset(1e-5f));
        float[] l = last.get(i).displayMap(8, 8);
        float[] f = first.get(i).displayMap(8, 8);
        for (int p = 0; p < l.length; p++) {
          assertThat(l[p]).as(method + " pixel " + p).isCloseTo(f[p], org.assertj.core.data.Offset.offset(1e-5f));
        }
      }
    }
  }

  @Test
  void boundSecondInputGivesTheScoresOfTheTwoInputModel() {
    ModelProto vqa = TargetModels.twoInputs();
    float[] question = {0.5f, -1f, 0.25f, 2f};
    FloatTensor images = GradientCheck.gaussian(6, 3, 3, 8, 8);
    float[] expected;
    try (OnnxSession s = new OnnxSession(OnnxModel.of(vqa, "vqa"), 1)) {
      float[] repeated = new float[12];
      for (int i = 0; i < 3; i++) {
        System.arraycopy(question, 0, repeated, 4 * i, 4);
      }
      expected = s.run(Map.of("image", images, "question", new FloatTensor(new long[] {3, 4}, repeated)),
          List.of("answer")).get("answer").data();
    }
    ModelProto bound = InputBinding.bind(vqa, Map.of("question", new InputBinding.Value(new long[] {1, 4}, question)),
        "image");
    try (Explainer e = Explainer.of(OnnxModel.of(bound, "vqa"), 1)) {
      // One question for a batch of three images: repeated along the batch.
      float[] got = e.forward(images, List.of("answer")).get("answer").data();
      assertThat(got).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
      FloatTensor grad = e.runtime().runGradients(images, GradientRequest.builder("answer").wrt("image").build(),
          List.of(Target.classIndex(1))).gradients().get("image");
      assertThat(grad.shape()).containsExactly(3, 3, 8, 8);
    }
  }

  @Test
  void bindingMistakesAreClearErrors() {
    ModelProto vqa = TargetModels.twoInputs();
    InputBinding.Value q = new InputBinding.Value(new long[] {1, 4}, new float[4]);
    assertThatThrownBy(() -> InputBinding.bind(vqa, Map.of("quest", q), null))
        .isInstanceOf(GradCamException.class).hasMessageContaining("no input 'quest'").hasMessageContaining("image, question");
    assertThatThrownBy(() -> InputBinding.bind(vqa, Map.of(), "image"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("question").hasMessageContaining("--input NAME=FILE.npy");
    assertThatThrownBy(() -> InputBinding.bind(vqa, Map.of("question", new InputBinding.Value(new long[] {1, 5},
        new float[5])), null)).isInstanceOf(GradCamException.class).hasMessageContaining("[1, 5]")
        .hasMessageContaining("[-1, 4]");
    assertThatThrownBy(() -> Explainer.of(OnnxModel.of(vqa, "vqa"), 1))
        .isInstanceOf(GradCamException.class).hasMessageContaining("--input");
  }

  @Test
  void contribOpsOnTheGradientPathAreExplained() {
    ModelProto fused = Models.single(new long[] {1, 3, 6, 6}, (b, x) -> {
      String c = b.node("FusedConv").domain("com.microsoft").inputs(x, Models.weights(b, "w", 1, 0.4f, 4, 3, 3, 3))
          .attr("activation", "Relu").attrInts("pads", 1, 1, 1, 1).output("fused");
      return b.node("Flatten").inputs(b.op("GlobalAveragePool", c)).output();
    });
    ModelProto withDomain = fused.toBuilder()
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1)).build();
    try (Explainer e = Explainer.of(OnnxModel.of(withDomain, "optimised"), 1)) {
      assertThatThrownBy(() -> e.explain(GradientCheck.gaussian(1, 1, 3, 6, 6), ExplainRequest.of("saliency")))
          .isInstanceOf(GradCamException.class).hasMessageContaining("com.microsoft.FusedConv")
          .hasMessageContaining("contrib ops").hasMessageContaining("without those optimisations");
    }
  }
}
