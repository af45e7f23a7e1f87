package org.gradcam4j.math;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArgMaxTest {
  @Test
  void theFirstOfEqualMaximaWins() {
    assertThat(ArgMax.of(new float[] {1, 3, 2, 3})).isEqualTo(1);
    assertThat(ArgMax.of(new float[] {-5, -7})).isEqualTo(0);
    assertThat(ArgMax.of(new float[0])).isEqualTo(0);
  }

  @Test
  void aNanNeverWinsOverANumberBeforeIt() {
    assertThat(ArgMax.of(new float[] {1, Float.NaN, 2})).isEqualTo(2);
    assertThat(ArgMax.of(new float[] {1, Float.NaN, 0})).isEqualTo(0);
  }

  @Test
  void aRangeGivesAnIndexIntoTheWholeArray() {
    float[] rows = {9, 1, 0, 0, 4, 4};
    assertThat(ArgMax.of(rows, 3, 6)).isEqualTo(4);
    assertThat(ArgMax.of(rows, 1, 3)).isEqualTo(1);
  }
}
