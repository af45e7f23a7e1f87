package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class ConfidenceChangeTest {
  @Test
  void dropAndIncreaseFollowTheGradCamPlusPlusDefinitions() {
    assertThat(new ConfidenceChange.Result(0.8f, 0.6f).drop()).isCloseTo(0.25, within(1e-6));
    assertThat(new ConfidenceChange.Result(0.8f, 0.6f).increase()).isFalse();
    assertThat(new ConfidenceChange.Result(0.5f, 0.7f).drop()).isZero();
    assertThat(new ConfidenceChange.Result(0.5f, 0.7f).increase()).isTrue();
    assertThat(new ConfidenceChange.Result(0.5f, 0.5f).increase()).isFalse();
    assertThat(new ConfidenceChange.Result(0f, 0.5f).drop()).isNaN();
    List<ConfidenceChange.Result> results = List.of(new ConfidenceChange.Result(0.8f, 0.6f),
        new ConfidenceChange.Result(0.5f, 0.7f), new ConfidenceChange.Result(1f, 0f), new ConfidenceChange.Result(0.4f, 0.3f));
    // drops 0.25, 0, 1, 0.25 -> mean 0.375; one increase of four
    assertThat(ConfidenceChange.averageDropPercent(results)).isCloseTo(37.5, within(1e-4));
    assertThat(ConfidenceChange.increasePercent(results)).isEqualTo(25.0);
  }

  @Test
  void explainedImageIsTheImageTimesTheNormalisedMap() {
    int w = 4;
    int h = 4;
    float[] ones = new float[3 * w * h];
    Arrays.fill(ones, 1f);
    FloatTensor image = new FloatTensor(new long[] {3, h, w}, ones);
    // The fake model's confidence is the image mean.
    RecordingScorer scorer = new RecordingScorer(img -> {
      double s = 0;
      for (float v : img) {
        s += v;
      }
      return s / img.length;
    }, true);
    // left half 2, right half 6: normalised to 0 and 1
    float[] halves = new float[w * h];
    for (int i = 0; i < halves.length; i++) {
      halves[i] = i % w < 2 ? 2f : 6f;
    }
    // a 2x2 map [0 1; 0 1] upsampled bilinearly: each row 0, 0.25, 0.75, 1 (mean 0.5)
    SaliencyMap coarse = SaliencyMap.of(new float[] {0, 1, 0, 1}, 2, 2);
    List<ConfidenceChange.Result> r = new ConfidenceChange(8)
        .evaluate(image, List.of(SaliencyMap.of(halves, w, h), coarse), 5, scorer);
    assertThat(scorer.batchSizes).containsExactly(3);
    assertThat(scorer.classesSeen).containsOnly(5);
    assertThat(r.get(0).original()).isEqualTo(1f);
    assertThat(r.get(0).explained()).isCloseTo(0.5f, within(1e-6f));
    assertThat(r.get(0).drop()).isCloseTo(0.5, within(1e-6));
    assertThat(r.get(1).explained()).isCloseTo(0.5f, within(1e-6f));
    float[] explained = scorer.images.get(2);
    assertThat(Arrays.copyOfRange(explained, 0, 4)).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, within(1e-6f));
  }

  @Test
  void manyMapsAreScoredInBatches() {
    FloatTensor image = new FloatTensor(new long[] {1, 2, 2}, new float[] {1, 1, 1, 1});
    RecordingScorer scorer = new RecordingScorer(img -> 0.5);
    SaliencyMap m = SaliencyMap.of(new float[] {0, 1, 2, 3}, 2, 2);
    new ConfidenceChange(4).evaluate(image, List.of(m, m, m, m, m, m), 0, scorer);
    assertThat(scorer.batchSizes).containsExactly(4, 3);
  }
}
