package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class MapToMaskTest {
  private static final SyntheticDataset DATA = new SyntheticDataset(4);

  @Test
  void aPerfectMapScoresOneWithEveryThresholdRule() {
    for (int i = 0; i < 10; i++) {
      LabelledImage s = DATA.sample(i);
      Mask truth = s.mask();
      SaliencyMap perfect = TestImages.mapOf(truth.inside(), 64, 64, 1f, 0f);
      for (MapToMask rule : new MapToMask[] {new MapToMask(Double.NaN, 0, false), new MapToMask(0.5, 0, false)}) {
        SegmentationScore score = SegmentationScore.of(rule.apply(perfect, rgb(s)), truth);
        assertThat(score.iou()).as("image %d, %s", i, rule).isEqualTo(1.0);
        assertThat(score.pixelAccuracy()).isEqualTo(1.0);
      }
    }
  }

  @Test
  void aConstantMapScoresTheShareOfTheObject() {
    for (int i = 0; i < 5; i++) {
      LabelledImage s = DATA.sample(i);
      double share = s.mask().count() / (64.0 * 64.0);
      SaliencyMap flat = SaliencyMap.of(filled(0.7f), 64, 64);
      for (MapToMask rule : new MapToMask[] {MapToMask.defaults(), new MapToMask(0.15, 1, true),
          new MapToMask(0.3, 0, false)}) {
        SegmentationScore score = SegmentationScore.of(rule.apply(flat, rgb(s)), s.mask());
        assertThat(score.iou()).as("image %d, %s", i, rule).isCloseTo(share, within(1e-12));
        assertThat(score.pixelAccuracy()).isCloseTo(share, within(1e-12));
      }
    }
  }

  @Test
  void aMapWithoutPositiveValuesFindsNothing() {
    LabelledImage s = DATA.sample(0);
    Mask m = MapToMask.defaults().apply(SaliencyMap.of(new float[64 * 64], 64, 64), rgb(s));
    assertThat(m.isEmpty()).isTrue();
    assertThat(SegmentationScore.of(m, s.mask()).pixelAccuracy())
        .isCloseTo(1 - s.mask().count() / 4096.0, within(1e-12));
  }

  @Test
  void theGuidedFilterSnapsABlurredMapToTheObjectsEdges() {
    // A bright square on black, and a map that is the square blurred well past its edges.
    int w = 48;
    boolean[] square = TestImages.rect(w, w, 14, 12, 34, 30);
    FloatTensor image = TestImages.imageOf(square, 3, w, w, 0.9f);
    SaliencyMap blurred = TestImages.bump(w, w, 23.5, 20.5, 9);
    Mask truth = new Mask(w, w, square);
    double plain = SegmentationScore.of(new MapToMask(Double.NaN, 1, false).apply(blurred, image), truth).iou();
    double refined = SegmentationScore.of(new MapToMask(Double.NaN, 1, true).apply(blurred, image), truth).iou();
    assertThat(refined).isGreaterThan(plain + 0.1).isGreaterThan(0.9);
  }

  @Test
  void keepsOnlyTheLargestRegionWhenAsked() {
    int w = 20;
    boolean[] big = TestImages.rect(w, w, 2, 2, 10, 10);
    boolean[] small = TestImages.rect(w, w, 15, 15, 18, 18);
    float[] v = new float[w * w];
    for (int i = 0; i < v.length; i++) {
      v[i] = big[i] || small[i] ? 1 : 0;
    }
    FloatTensor image = TestImages.imageOf(big, 3, w, w, 0f);
    Mask one = new MapToMask(0.5, 1, false).apply(SaliencyMap.of(v, w, w), image);
    assertThat(one).isEqualTo(new Mask(w, w, big));
    assertThat(new MapToMask(0.5, 0, false).apply(SaliencyMap.of(v, w, w), image).count()).isEqualTo(64 + 9);
  }

  @Test
  void parsesOtsuOrAFractionAndNamesAnythingElse() {
    assertThat(MapToMask.parseThreshold("OTSU")).isNaN();
    assertThat(MapToMask.parseThreshold("0.25")).isEqualTo(0.25);
    assertThatThrownBy(() -> MapToMask.parseThreshold("1.5")).hasMessageContaining("'1.5'");
    assertThatThrownBy(() -> MapToMask.parseThreshold("half")).hasMessageContaining("'half'");
  }

  private static float[] filled(float value) {
    float[] v = new float[64 * 64];
    java.util.Arrays.fill(v, value);
    return v;
  }

  private static FloatTensor rgb(LabelledImage s) {
    return ImageTensors.fromRgb(s.image());
  }
}
