package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class RoadTest {
  private static final int W = 24;
  private static final int H = 24;
  private static final boolean[] OBJECT = TestImages.rect(W, H, 6, 6, 14, 14);

  @Test
  void removalMasksTakeTheTopOrTheBottomOfTheRanking() {
    int[] order = {4, 2, 0, 1, 3};
    boolean[] removed = new boolean[5];
    Road.removalMask(order, 2, true, removed);
    assertThat(removed).containsExactly(false, false, true, false, true);
    Road.removalMask(order, 2, false, removed);
    assertThat(removed).containsExactly(false, true, false, true, false);
    assertThat(Road.removedCount(0.1, 576)).isEqualTo(57);
    assertThat(Road.removedCount(0.5, 576)).isEqualTo(288);
    assertThat(Road.removedCount(0.3, 10)).isEqualTo(3);
  }

  @Test
  void faithfulMapDropsUnderMorfAndHoldsUnderLerf() {
    // An object of value 1 on a background of 0; the fake model scores the object's mean.
    FloatTensor image = TestImages.imageOf(OBJECT, 3, W, H, 1f);
    SaliencyMap oracle = TestImages.mapOf(OBJECT, W, H, 1f, 0f);
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    Road road = new Road(Road.Settings.defaults().withNoise(0).withBatchSize(8));
    Road.Curves c = road.evaluate(image, oracle, 3, scorer);
    // 9 percentages x 2 orders = 18 images in batches of 8
    assertThat(scorer.batchSizes).containsExactly(8, 8, 2);
    assertThat(scorer.classesSeen).containsOnly(3);
    // The object is 64 of 576 pixels (11 %): MoRF at 10 % removes 57 object pixels, which are
    // then filled from their neighbours (a mix of object and background), so the score drops.
    assertThat(c.morf()[0]).isLessThan(0.9);
    // From 20 % on, the whole object is gone and filled from background: score 0.
    for (int i = 1; i < 9; i++) {
      assertThat(c.morf()[i]).isCloseTo(0.0, within(1e-4));
    }
    // LeRF removes background only until 89 % of the pixels are gone: the object is untouched.
    for (int i = 0; i < 8; i++) {
      assertThat(c.lerf()[i]).isCloseTo(1.0, within(1e-6));
    }
    assertThat(c.meanLerf()).isGreaterThan(c.meanMorf());
    assertThat(c.combined()).isCloseTo((c.meanLerf() - c.meanMorf()) / 2, within(1e-12));

    // The inverse map gets it the other way round.
    Road.Curves inverse = road.evaluate(image, TestImages.mapOf(OBJECT, W, H, 0f, 1f), 3, scorer);
    assertThat(inverse.meanMorf()).isGreaterThan(c.meanMorf());
    assertThat(inverse.meanLerf()).isLessThan(c.meanLerf());
  }

  @Test
  void resultsRepeatWithTheSameSeed() {
    FloatTensor image = TestImages.imageOf(OBJECT, 3, W, H, 1f);
    SaliencyMap flat = SaliencyMap.of(new float[W * H], W, H);
    RecordingScorer scorer = new RecordingScorer(RecordingScorer.regionMean(OBJECT));
    Road.Curves a = new Road(Road.Settings.defaults()).evaluate(image, flat, 0, scorer);
    Road.Curves b = new Road(Road.Settings.defaults()).evaluate(image, flat, 0, scorer);
    Road.Curves other = new Road(Road.Settings.defaults().withSeed(7)).evaluate(image, flat, 0, scorer);
    assertThat(a.morf()).isEqualTo(b.morf());
    assertThat(a.lerf()).isEqualTo(b.lerf());
    assertThat(a.morf()).isNotEqualTo(other.morf());
  }
}
