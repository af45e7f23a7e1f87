package org.gradcam4j.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RankCorrelationTest {
  private static final float[] A = {1, 2, 3, 4, 5};
  private static final float[] B = {5, 6, 7, 8, 7};

  @Test
  void averageRanksForTies() {
    assertThat(RankCorrelation.averageRanks(B)).containsExactly(1, 2, 3.5, 5, 3.5);
    assertThat(RankCorrelation.averageRanks(new float[] {2, 2, 2})).containsExactly(2, 2, 2);
    assertThat(RankCorrelation.averageRanks(new float[] {-1, 0, -0f, 3})).containsExactly(1, 2.5, 2.5, 4);
  }

  @Test
  void spearmanWithTiesByHand() {
    // ranks a = 1..5, b = 1, 2, 3.5, 5, 3.5; deviations from 3: a -2,-1,0,1,2; b -2,-1,0.5,2,0.5
    // sum(da*db) = 8, sum(da^2) = 10, sum(db^2) = 9.5
    assertThat(RankCorrelation.spearman(A, B)).isCloseTo(8 / Math.sqrt(95), within(1e-12));
  }

  @Test
  void pearsonByHand() {
    // a - 2 = -1, 0, 1; b - 7/3 = -4/3, -1/3, 5/3: sum(da*db) = 3, sum(da^2) = 2, sum(db^2) = 42/9
    assertThat(RankCorrelation.pearson(new float[] {1, 2, 3}, new float[] {1, 2, 4}))
        .isCloseTo(3 / Math.sqrt(2 * 42.0 / 9), within(1e-12));
  }

  @Test
  void kendallTauBByHand() {
    // 10 pairs: 8 concordant, 1 discordant (8 then 7), 1 tied in b (7, 7)
    // tau_b = (8 - 1) / sqrt((10 - 0) * (10 - 1))
    assertThat(RankCorrelation.kendallTauB(A, B)).isCloseTo(7 / Math.sqrt(90), within(1e-12));
  }

  @Test
  void monotoneButNonLinear() {
    float[] x = {1, 2, 3, 4, 5, 6};
    float[] cube = {1, 8, 27, 64, 125, 216};
    assertThat(RankCorrelation.spearman(x, cube)).isCloseTo(1, within(1e-12));
    assertThat(RankCorrelation.kendallTauB(x, cube)).isCloseTo(1, within(1e-12));
    assertThat(RankCorrelation.pearson(x, cube)).isLessThan(0.95);
    float[] reversed = {6, 5, 4, 3, 2, 1};
    assertThat(RankCorrelation.spearman(x, reversed)).isCloseTo(-1, within(1e-12));
    assertThat(RankCorrelation.kendallTauB(x, reversed)).isCloseTo(-1, within(1e-12));
  }

  @Test
  void absoluteVariantIgnoresSigns() {
    float[] a = {-3, 1, 2, -4};
    float[] b = {3, 1, 2, 4};
    assertThat(RankCorrelation.spearmanOfAbsolute(a, b)).isCloseTo(1, within(1e-12));
    assertThat(RankCorrelation.spearman(a, b)).isLessThan(0.5);
  }

  @Test
  void undefinedForConstantInput() {
    assertThat(RankCorrelation.spearman(new float[] {1, 1, 1}, new float[] {1, 2, 3})).isNaN();
    assertThat(RankCorrelation.pearson(new float[] {1, 2, 3}, new float[] {4, 4, 4})).isNaN();
    assertThat(RankCorrelation.kendallTauB(new float[] {1, 1, 1}, new float[] {1, 2, 3})).isNaN();
    assertThat(RankCorrelation.spearman(new float[] {1}, new float[] {2})).isNaN();
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> RankCorrelation.spearman(new float[2], new float[3]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 and 3");
    assertThatThrownBy(() -> RankCorrelation.pearson(new float[] {1, Float.NaN}, new float[2]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("index 1");
  }

  @Test
  void fastKendallMatchesThePairwiseDefinition() {
    SplittableRandom rng = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      int n = 2 + rng.nextInt(200);
      float[] a = new float[n];
      float[] b = new float[n];
      for (int i = 0; i < n; i++) {
        // few distinct values: many ties in each and jointly
        a[i] = rng.nextInt(1 + trial % 7 + 1);
        b[i] = rng.nextInt(10) < 3 ? a[i] : rng.nextInt(6);
      }
      assertThat(RankCorrelation.kendallTauB(a, b)).as("trial %d", trial)
          .isCloseTo(pairwiseTauB(a, b), within(1e-12));
    }
  }

  @Test
  void spearmanMatchesTheTieFreeFormula() {
    // Without ties, rho = 1 - 6 sum(d^2) / (n (n^2 - 1)).
    SplittableRandom rng = new SplittableRandom(2);
    int n = 300;
    float[] a = new float[n];
    float[] b = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rng.nextDouble();
      b[i] = a[i] + (float) rng.nextDouble();
    }
    double[] ra = RankCorrelation.averageRanks(a);
    double[] rb = RankCorrelation.averageRanks(b);
    double d2 = 0;
    for (int i = 0; i < n; i++) {
      d2 += (ra[i] - rb[i]) * (ra[i] - rb[i]);
    }
    assertThat(RankCorrelation.spearman(a, b)).isCloseTo(1 - 6 * d2 / (n * ((double) n * n - 1)), within(1e-9));
  }

  /** tau-b straight from its definition, O(n^2). */
  private static double pairwiseTauB(float[] a, float[] b) {
    long concordant = 0;
    long discordant = 0;
    long tieA = 0;
    long tieB = 0;
    for (int i = 0; i < a.length; i++) {
      for (int j = i + 1; j < a.length; j++) {
        int sa = Float.compare(a[i], a[j]);
        int sb = Float.compare(b[i], b[j]);
        if (sa == 0 && sb == 0) {
          continue;
        } else if (sa == 0) {
          tieA++;
        } else if (sb == 0) {
          tieB++;
        } else if (sa == sb) {
          concordant++;
        } else {
          discordant++;
        }
      }
    }
    double denom = Math.sqrt((double) (concordant + discordant + tieA) * (concordant + discordant + tieB));
    return denom == 0 ? Double.NaN : (concordant - discordant) / denom;
  }
}
