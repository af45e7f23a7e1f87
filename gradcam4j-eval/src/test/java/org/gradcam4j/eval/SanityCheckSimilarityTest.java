package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SanityCheckSimilarityTest {
  private static final int W = 32;
  private static final int H = 24;

  @Test
  void identicalMapsAreFullySimilar() {
    SaliencyMap m = TestImages.bump(W, H, 10, 12, 4);
    SanityCheckSimilarity.Similarity s = SanityCheckSimilarity.compare(m, m);
    assertThat(s.spearmanAbs()).isCloseTo(1, within(1e-12));
    assertThat(s.spearman()).isCloseTo(1, within(1e-12));
    assertThat(s.ssim()).isCloseTo(1, within(1e-9));
  }

  @Test
  void negatedMapKeepsItsAbsoluteRankingButNotItsStructure() {
    SaliencyMap m = TestImages.bump(W, H, 10, 12, 4);
    float[] neg = m.values().clone();
    for (int i = 0; i < neg.length; i++) {
      neg[i] = -neg[i];
    }
    SanityCheckSimilarity.Similarity s = SanityCheckSimilarity.compare(m, SaliencyMap.of(neg, W, H));
    assertThat(s.spearmanAbs()).isCloseTo(1, within(1e-12));
    assertThat(s.spearman()).isCloseTo(-1, within(1e-12));
    assertThat(s.ssim()).isLessThan(0.0);
  }

  @Test
  void shuffledMapIsDissimilar() {
    SaliencyMap m = TestImages.bump(W, H, 10, 12, 4);
    float[] shuffled = m.values().clone();
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      float t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    SanityCheckSimilarity.Similarity s = SanityCheckSimilarity.compare(m, SaliencyMap.of(shuffled, W, H));
    assertThat(Math.abs(s.spearmanAbs())).isLessThan(0.15);
    assertThat(s.ssim()).isLessThan(0.2);
  }
}
