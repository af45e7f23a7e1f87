package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.ReferenceCases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each method of this package gives the same result for two images explained in one batch as for
 * each image explained alone (top-1 targets, so each image keeps its own class), also with
 * augmentation smoothing and with two layers.
 */
class BatchConsistencyTest {
  @ParameterizedTest
  @ValueSource(strings = {"scorecam", "ablationcam", "eigencam", "eigengradcam", "fullgrad", "cam", "occlusion",
      "rise", "lime", "kernelshap", "shapley", "feature-ablation", "gradcam+aug", "scorecam+aug", "scorecam+layers", "ablationcam+layers"})
  void twoImagesInOneBatchGiveTheSameResultsAsOneAtATime(String variant) {
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.CONV_1X1, false);
    FloatTensor both = TinyNets.images(51, 2);
    String method = variant.split("\\+")[0];
    // Batch size 5 splits both the channels and the perturbed copies into uneven chunks.
    MethodOptions options = MethodOptions.defaults().toBuilder().batchSize(5).occlusionWindow(4).occlusionStride(2)
        .riseMasks(64).riseCells(4).segments(6).coalitions(40).shapleyPermutations(4).seed(9).augSmooth(variant.endsWith("+aug")).build();
    ExplainRequest request = ExplainRequest.of(method).withOptions(options).withLayers(variant.endsWith("+layers")
        ? List.of(TinyNets.CONV, TinyNets.LAYER) : List.of(TinyNets.LAYER));
    try (Explainer explainer = net.explainer()) {
      List<Explanation> together = explainer.explain(both, request);
      for (int i = 0; i < 2; i++) {
        FloatTensor one = new FloatTensor(new long[] {1, 3, TinyNets.SIZE, TinyNets.SIZE}, both.item(i).data());
        Explanation alone = explainer.explain(one, request).get(0);
        Explanation joint = together.get(i);
        assertThat(joint.targetClass()).isEqualTo(alone.targetClass());
        float[] a = raw(alone);
        float[] b = raw(joint);
        float max = 0;
        for (float v : a) {
          max = Math.max(max, Math.abs(v));
        }
        assertThat(max).as("a blank map would prove nothing").isGreaterThan(0f);
        assertThat(ReferenceCases.relativeMaxError(b, a)).as(variant + ", image " + i).isLessThan(1e-5);
        if (alone.channelWeights() != null) {
          assertThat(ReferenceCases.relativeMaxError(joint.channelWeights(), alone.channelWeights())).isLessThan(1e-5);
        }
      }
    }
  }

  private static float[] raw(Explanation e) {
    return e.lowRes() != null ? e.lowRes().data() : e.inputMap().data();
  }
}
