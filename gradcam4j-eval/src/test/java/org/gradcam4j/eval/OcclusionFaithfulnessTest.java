package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;

class OcclusionFaithfulnessTest {
  @Test
  void correlationsOfHandComputedMaps() {
    SaliencyMap method = SaliencyMap.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
    SaliencyMap occlusion = SaliencyMap.of(new float[] {5, 6, 7, 8, 7, 9}, 3, 2);
    OcclusionFaithfulness.Correlations c = OcclusionFaithfulness.all(method, occlusion);
    // ranks: method 1..6, occlusion 1, 2, 3.5, 5, 3.5, 6; both have mean 3.5
    // deviations: method -2.5, -1.5, -0.5, 0.5, 1.5, 2.5; occlusion -2.5, -1.5, 0, 1.5, 0, 2.5
    // sum(da*db) = 6.25 + 2.25 + 0 + 0.75 + 0 + 6.25 = 15.5, sum(da^2) = 17.5, sum(db^2) = 17
    assertThat(c.spearman()).isCloseTo(15.5 / Math.sqrt(17.5 * 17), within(1e-12));
    assertThat(OcclusionFaithfulness.spearman(method, occlusion)).isEqualTo(c.spearman());
    // 15 pairs: 13 concordant, 1 discordant (8 > 7), 1 tied in the occlusion map
    assertThat(c.kendall()).isCloseTo(12 / Math.sqrt(15.0 * 14), within(1e-12));
    // Pearson on the values: means 21 / 6 = 3.5 and 42 / 6 = 7
    // deviations: method -2.5, -1.5, -0.5, 0.5, 1.5, 2.5; occlusion -2, -1, 0, 1, 0, 2
    // sum(da*db) = 5 + 1.5 + 0 + 0.5 + 0 + 5 = 12, sum(da^2) = 17.5, sum(db^2) = 4 + 1 + 0 + 1 + 0 + 4 = 10
    // r = 12 / sqrt(17.5 * 10) = 12 / sqrt(175) = 0.9071; the maps are float, hence a float tolerance.
    assertThat(c.pearson()).isCloseTo(12 / Math.sqrt(175), within(1e-6));
  }

  @Test
  void mapsMustHaveTheSameSize() {
    assertThatThrownBy(() -> OcclusionFaithfulness.spearman(SaliencyMap.of(new float[6], 3, 2),
        SaliencyMap.of(new float[6], 2, 3))).isInstanceOf(GradCamException.class).hasMessageContaining("2x3");
  }
}
