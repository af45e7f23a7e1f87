package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class DeletionInsertionTest {
  private static final int W = 20;
  private static final int H = 20;
  private static final int N = W * H;
  // The "object": 36 pixels. The fake model's score is the mean of channel 0 over them.
  private static final boolean[] OBJECT = TestImages.rect(W, H, 4, 6, 10, 12);
  private static final int K = 36;
  private static final FloatTensor IMAGE = TestImages.imageOf(OBJECT, 3, W, H, 1f);
  private static final SaliencyMap ORACLE = TestImages.mapOf(OBJECT, W, H, 1f, 0f);
  private static final SaliencyMap INVERSE = TestImages.mapOf(OBJECT, W, H, 0f, 1f);

  private static DeletionInsertion onePixelSteps() {
    return new DeletionInsertion(DeletionInsertion.Settings.defaults().withPixelsPerStep(1)
        .withBaselines(Baseline.ZERO, Baseline.ZERO).withBatchSize(64));
  }

  @Test
  void oracleDeletionFallsFirstAndItsInverseLast() {
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    DeletionInsertion metric = onePixelSteps();
    PerturbationCurve oracle = metric.deletion(IMAGE, ORACLE, 7, scorer);
    PerturbationCurve inverse = metric.deletion(IMAGE, INVERSE, 7, scorer);
    // Oracle: the score falls linearly to 0 over the first K of N pixels, then stays 0.
    assertThat(oracle.auc()).isCloseTo(0.5 * K / N, within(1e-6));
    // Inverse: the score stays 1 until the last K pixels, then falls linearly.
    assertThat(inverse.auc()).isCloseTo((N - K) / (double) N + 0.5 * K / N, within(1e-6));
    assertThat(oracle.auc()).isLessThan(inverse.auc());
    assertThat(oracle.scores()[0]).isEqualTo(1.0);
    assertThat(oracle.scores()[N]).isEqualTo(0.0);
    assertThat(scorer.classesSeen).containsOnly(7);
  }

  @Test
  void oracleInsertionRisesFirstAndItsInverseLast() {
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    DeletionInsertion metric = onePixelSteps();
    PerturbationCurve oracle = metric.insertion(IMAGE, ORACLE, 0, scorer);
    PerturbationCurve inverse = metric.insertion(IMAGE, INVERSE, 0, scorer);
    assertThat(oracle.auc()).isCloseTo(1 - 0.5 * K / N, within(1e-6));
    assertThat(inverse.auc()).isCloseTo(0.5 * K / N, within(1e-6));
    assertThat(oracle.scores()[0]).isEqualTo(0.0);
    assertThat(oracle.scores()[N]).isEqualTo(1.0);
  }

  @Test
  void defaultBaselinesKeepTheOrdering() {
    // Deletion to zero, insertion from a blur: the blurred object scores lower than the sharp one.
    DeletionInsertion metric = new DeletionInsertion(DeletionInsertion.Settings.defaults().withBlurSigma(2));
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    DeletionInsertion.Curves oracle = metric.both(IMAGE, ORACLE, 0, scorer);
    DeletionInsertion.Curves inverse = metric.both(IMAGE, INVERSE, 0, scorer);
    assertThat(oracle.deletion().auc()).isLessThan(inverse.deletion().auc());
    assertThat(oracle.insertion().auc()).isGreaterThan(inverse.insertion().auc());
    // the insertion curve starts at the blurred image's score, between 0 and 1
    assertThat(oracle.insertion().scores()[0]).isStrictlyBetween(0.05, 0.95);
    assertThat(oracle.insertion().scores()[100]).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void constantScoreGivesThatArea() {
    DeletionInsertion metric = new DeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(17));
    PerturbationCurve c = metric.deletion(IMAGE, ORACLE, 0, new RecordingScorer(img -> 0.37));
    assertThat(c.auc()).isCloseTo(0.37, within(1e-6));
    assertThat(new PerturbationCurve(new double[] {0, 0.3, 1}, new double[] {2.5, 2.5, 2.5}).auc())
        .isCloseTo(2.5, within(1e-12));
  }

  @Test
  void trapezoidsFollowTheFractionAxis() {
    // triangle of height 1 over [0, 0.25], then 0: area 0.125
    assertThat(new PerturbationCurve(new double[] {0, 0.25, 1}, new double[] {1, 0, 0}).auc()).isEqualTo(0.125);
    // evenly spaced points: same as RISE's (sum - first/2 - last/2) / (n - 1)
    double[] s = {0.9, 0.7, 0.4, 0.2, 0.1};
    double rise = (0.9 + 0.7 + 0.4 + 0.2 + 0.1 - 0.45 - 0.05) / 4;
    assertThat(new PerturbationCurve(new double[] {0, 0.25, 0.5, 0.75, 1}, s).auc()).isCloseTo(rise, within(1e-12));
  }

  @Test
  void stepsAreEqualAndScoredInBatches() {
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    DeletionInsertion metric = new DeletionInsertion(DeletionInsertion.Settings.defaults().withBatchSize(16));
    PerturbationCurve c = metric.deletion(IMAGE, ORACLE, 0, scorer);
    // 100 steps: 101 images, 6 batches of 16 and one of 5
    assertThat(c.fractions()).hasSize(101);
    assertThat(scorer.batchSizes).containsExactly(16, 16, 16, 16, 16, 16, 5);
    for (int k = 0; k <= 100; k++) {
      assertThat(c.fractions()[k]).isCloseTo(k / 100.0, within(1e-12));
    }
  }

  @Test
  void pixelsPerStepEndsWithAShorterStep() {
    RecordingScorer scorer = new RecordingScorer(img -> 1);
    PerturbationCurve c = new DeletionInsertion(DeletionInsertion.Settings.defaults().withPixelsPerStep(64))
        .deletion(IMAGE, ORACLE, 0, scorer);
    // 400 pixels: 0, 64, ..., 384, 400
    assertThat(c.fractions()).containsExactly(0, 0.16, 0.32, 0.48, 0.64, 0.8, 0.96, 1.0);
  }

  @Test
  void imagesAreBuiltCumulativelyInRankOrder() {
    RecordingScorer scorer = new RecordingScorer(img -> 0, true);
    float[] ramp = new float[N];
    for (int i = 0; i < N; i++) {
      ramp[i] = N - i; // pixel 0 most relevant
    }
    FloatTensor ones = new FloatTensor(new long[] {1, H, W}, filled(N, 1f));
    new DeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(4).withBatchSize(2))
        .deletion(ones, SaliencyMap.of(ramp, W, H), 0, scorer);
    for (int k = 0; k <= 4; k++) {
      float[] img = scorer.images.get(k);
      int removed = k * N / 4;
      for (int i = 0; i < N; i++) {
        assertThat(img[i]).as("step %d pixel %d", k, i).isEqualTo(i < removed ? 0f : 1f);
      }
    }
  }

  @Test
  void meanBaselineIsThePerChannelMean() {
    float[] d = new float[2 * 4];
    float[] channel1 = {1, 2, 3, 6};
    System.arraycopy(channel1, 0, d, 4, 4);
    float[] s = Baseline.MEAN.substrate(d, 2, 2, 2, 1);
    assertThat(s).containsExactly(0, 0, 0, 0, 3, 3, 3, 3);
    assertThat(Baseline.parse(" Blur ")).isEqualTo(Baseline.BLUR);
    assertThatThrownBy(() -> Baseline.parse("noise")).isInstanceOf(GradCamException.class)
        .hasMessageContaining("zero, mean or blur");
  }

  @Test
  void meanOfCurves() {
    PerturbationCurve a = new PerturbationCurve(new double[] {0, 1}, new double[] {1, 0});
    PerturbationCurve b = new PerturbationCurve(new double[] {0, 1}, new double[] {0, 1});
    assertThat(PerturbationCurve.mean(List.of(a, b)).scores()).containsExactly(0.5, 0.5);
    PerturbationCurve c = new PerturbationCurve(new double[] {0, 0.5, 1}, new double[] {0, 0, 0});
    assertThatThrownBy(() -> PerturbationCurve.mean(List.of(a, c))).isInstanceOf(GradCamException.class);
  }

  @Test
  void mismatchedMapAndImageAreRejected() {
    SaliencyMap small = SaliencyMap.of(new float[100], 10, 10);
    assertThatThrownBy(() -> onePixelSteps().deletion(IMAGE, small, 0, new RecordingScorer(img -> 0)))
        .isInstanceOf(GradCamException.class).hasMessageContaining("10x10").hasMessageContaining("20x20");
    float[] bad = new float[N];
    bad[45] = Float.NaN;
    assertThatThrownBy(() -> onePixelSteps().deletion(IMAGE, SaliencyMap.of(bad, W, H), 0,
        new RecordingScorer(img -> 0))).isInstanceOf(GradCamException.class).hasMessageContaining("x=5, y=2");
  }

  @Test
  void scorerReturningTheWrongNumberOfScoresIsReported() {
    ClassScorer broken = (batch, classes) -> new float[1];
    assertThatThrownBy(() -> onePixelSteps().deletion(IMAGE, ORACLE, 0, broken))
        .isInstanceOf(GradCamException.class).hasMessageContaining("returned 1 scores");
  }

  private static float[] filled(int n, float v) {
    float[] a = new float[n];
    java.util.Arrays.fill(a, v);
    return a;
  }
}
