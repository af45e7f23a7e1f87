package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.eval.truth.Mask;
import org.junit.jupiter.api.Test;

class RegionMassTest {
  @Test
  void countsOnlyPositiveMass() {
    // 2x2 map: 3 and 1 inside (left column), 4 and -5 outside: positive mass 8, inside 4.
    SaliencyMap map = SaliencyMap.of(new float[] {3, 4, 1, -5}, 2, 2);
    Mask left = new Mask(2, 2, new boolean[] {true, false, true, false});
    assertThat(RegionMass.shareInside(map, left)).isCloseTo(0.5, within(1e-12));
  }

  @Test
  void aMapWithoutPositiveValuesHasNoMassAnywhere() {
    SaliencyMap map = SaliencyMap.of(new float[] {-1, 0, -2, 0}, 2, 2);
    assertThat(RegionMass.shareInside(map, new Mask(2, 2, new boolean[] {true, true, true, true}))).isZero();
  }

  @Test
  void aConstantMapPutsTheRegionsShareOfPixelsInside() {
    boolean[] region = TestImages.rect(10, 10, 2, 2, 7, 6); // 20 of 100 pixels
    SaliencyMap flat = TestImages.mapOf(region, 10, 10, 0.5f, 0.5f);
    assertThat(RegionMass.shareInside(flat, new Mask(10, 10, region))).isCloseTo(0.2, within(1e-12));
  }
}
