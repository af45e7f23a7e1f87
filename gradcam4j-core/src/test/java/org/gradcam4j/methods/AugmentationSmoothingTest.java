package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

/**
 * Augmentation smoothing: the six augmentations form a set that a horizontal flip maps onto itself,
 * so the smoothed map of a mirrored image must be the mirrored smoothed map. That fails if the maps
 * are not flipped back, or if the flipped copies are not run at all (the network is not symmetric).
 */
class AugmentationSmoothingTest {
  private static final int S = TinyNets.SIZE;

  @Test
  void smoothedMapsOfMirroredImagesAreMirroredForGradientAndForwardOnlyMethods() {
    TinyNets.Net net = TinyNets.gapNet(TinyNets.Head.GEMM_TRANSPOSED, false);
    FloatTensor image = TinyNets.images(41, 1);
    FloatTensor mirrored = new FloatTensor(image.shape(), AugmentationSmoothing.flipped(image.data(), S, S));
    try (Explainer explainer = net.explainer()) {
      for (String method : List.of("gradcam", "scorecam", "eigencam")) {
        ExplainRequest plain = ExplainRequest.of(method).withLayer(TinyNets.LAYER);
        ExplainRequest smoothed = plain.withOptions(PerturbationModels.augSmooth(MethodOptions.defaults(), true));
        Explanation a = explainer.explain(image, smoothed).get(0);
        Explanation b = explainer.explain(mirrored, smoothed).get(0);
        assertThat(a.lowRes()).isNull();
        assertThat(a.inputMap().shape()).containsExactly(S, S);
        float[] mirroredBack = AugmentationSmoothing.flipped(b.inputMap().data(), S, S);
        assertThat(mirroredBack).as(method).containsExactly(a.inputMap().data(), org.assertj.core.data.Offset.offset(1e-5f));

        float[] unsmoothed = explainer.explain(image, plain).get(0).displayMap(S, S);
        assertThat(maxDifference(unsmoothed, a.inputMap().data())).as(method + " smoothing changes the map")
            .isGreaterThan(1e-3);
        assertThat(a.targetClass()).isEqualTo(ArgMax.of(a.scores()));
      }
    }
  }

  @Test
  void theOptionOnlyAffectsCamMethods() {
    assertThat(AugmentationSmoothing.appliesTo(Methods.byName("gradcam"), MethodOptions.defaults())).isFalse();
    MethodOptions on = PerturbationModels.augSmooth(MethodOptions.defaults(), true);
    assertThat(AugmentationSmoothing.appliesTo(Methods.byName("scorecam"), on)).isTrue();
    assertThat(AugmentationSmoothing.appliesTo(Methods.byName("fullgrad"), on)).isTrue();
    assertThat(AugmentationSmoothing.appliesTo(Methods.byName("saliency"), on)).isFalse();
    assertThat(AugmentationSmoothing.appliesTo(Methods.byName("rise"), on)).isFalse();
  }

  private static double maxDifference(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }
}
