package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.junit.jupiter.api.Test;

/**
 * Ablation-CAM on GAP + linear networks, where zeroing channel k lowers score c by exactly
 * {@code W[c, k] * mean(A_k)}, so the weights have the closed form {@code W[c, k] mean(A_k) / y_c}.
 */
class AblationCamTest {
  @Test
  void weightsHaveTheClosedFormOfAGapLinearNetworkAlsoWithASecondPathFromTheImage() {
    for (boolean skip : new boolean[] {false, true}) {
      TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, skip);
      FloatTensor images = TinyNets.images(21, 3);
      try (Explainer explainer = net.explainer()) {
        Map<String, FloatTensor> forward = explainer.forward(images, List.of(TinyNets.LAYER, "y"));
        FloatTensor activations = forward.get(TinyNets.LAYER);
        FloatTensor scores = forward.get("y");
        int plane = TinyNets.SIZE * TinyNets.SIZE;
        // A batch size that does not divide the channel count, so that chunks of ablations are joined.
        MethodOptions options = MethodOptions.defaults().withBatchSize(4);
        for (int cls = 0; cls < TinyNets.CLASSES; cls++) {
          List<Explanation> result = explainer.explain(images, ExplainRequest.of("ablationcam")
              .withLayer(TinyNets.LAYER).withTarget(Target.classIndex(cls)).withOptions(options));
          for (int i = 0; i < images.dim(0); i++) {
            float[] a = activations.item(i).data();
            double y = scores.data()[i * TinyNets.CLASSES + cls];
            double[] expected = new double[TinyNets.CHANNELS];
            double scale = 0;
            for (int k = 0; k < TinyNets.CHANNELS; k++) {
              double mean = 0;
              for (int p = 0; p < plane; p++) {
                mean += a[k * plane + p];
              }
              mean /= plane;
              expected[k] = net.classWeights()[cls][k] * mean / y;
              scale = Math.max(scale, Math.abs(expected[k]));
            }
            float[] actual = result.get(i).channelWeights();
            for (int k = 0; k < TinyNets.CHANNELS; k++) {
              assertThat((double) actual[k]).as("skip path %s, class %d, image %d, channel %d", skip, cls, i, k)
                  .isCloseTo(expected[k], org.assertj.core.data.Offset.offset(1e-4 * scale));
            }
            // And the map is the weighted sum with these weights.
            float[] map = result.get(i).lowRes().data();
            for (int p = 0; p < plane; p++) {
              double s = 0;
              for (int k = 0; k < TinyNets.CHANNELS; k++) {
                s += expected[k] * a[k * plane + p];
              }
              assertThat((double) map[p]).isCloseTo(Math.max(0, s), org.assertj.core.data.Offset.offset(1e-4 * scale));
            }
          }
        }
      }
    }
  }

  @Test
  void theHeadModelStartsAtTheLayerAndKeepsTheImageOnlyWhenAnotherPathNeedsIt() {
    for (boolean skip : new boolean[] {false, true}) {
      TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.MATMUL_ADD, skip);
      try (Explainer explainer = net.explainer()) {
        long[] shape = {1, 3, TinyNets.SIZE, TinyNets.SIZE};
        HeadModel head = HeadModel.cut(explainer.model(), explainer.shapes(shape), explainer.runtime().imageInput(),
            TinyNets.LAYER, "y");
        List<String> inputs = head.model().graph().inputs().stream().map(v -> v.getName()).toList();
        assertThat(head.needsImage()).isEqualTo(skip);
        assertThat(inputs).containsExactlyElementsOf(skip ? List.of(TinyNets.LAYER, "x") : List.of(TinyNets.LAYER));
        assertThat(head.model().graph().nodes()).noneMatch(n -> n.getOpType().equals("Conv"));
      }
    }
  }
}
