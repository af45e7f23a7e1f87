package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;

class SaliencyMapTest {
  @Test
  void bilinearUpsamplingUsesPixelCentres() {
    // 2x1 [0, 1] to 4x1: source x = (x + 0.5) / 2 - 0.5 = -0.25 (clamped 0), 0.25, 0.75, 1.25 (clamped 1)
    SaliencyMap m = SaliencyMap.of(new float[] {0, 1}, 2, 1).resized(4, 1);
    assertThat(m.values()).containsExactly(new float[] {0f, 0.25f, 0.75f, 1f}, within(1e-6f));
    SaliencyMap two = SaliencyMap.of(new float[] {0, 1, 0, 1}, 2, 2).resized(4, 4);
    for (int y = 0; y < 4; y++) {
      assertThat(two.at(1, y)).isCloseTo(0.25f, within(1e-6f));
      assertThat(two.at(3, y)).isCloseTo(1f, within(1e-6f));
    }
  }

  @Test
  void normalisedToUnitRange() {
    SaliencyMap m = SaliencyMap.of(new float[] {-1, 1, 3}, 3, 1).normalized01();
    assertThat(m.values()).containsExactly(new float[] {0f, 0.5f, 1f}, within(1e-6f));
    assertThat(SaliencyMap.of(new float[] {2, 2}, 2, 1).normalized01().values()).containsExactly(0f, 0f);
  }

  @Test
  void sizeAndFinitenessAreChecked() {
    assertThatThrownBy(() -> SaliencyMap.of(new float[5], 2, 2)).isInstanceOf(IllegalArgumentException.class);
    float[] v = new float[6];
    v[5] = Float.POSITIVE_INFINITY;
    assertThatThrownBy(() -> SaliencyMap.of(v, 3, 2).requireFinite("the map"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("x=2, y=1");
  }
}
