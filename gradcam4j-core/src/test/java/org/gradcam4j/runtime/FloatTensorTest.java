package org.gradcam4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FloatTensorTest {
  private static final FloatTensor BATCH = new FloatTensor(new long[] {3, 2}, new float[] {1, 2, 3, 4, 5, 6});

  @Test
  void aPaddedSliceRepeatsItsLastItem() {
    FloatTensor padded = BATCH.paddedSlice(1, 3, 4);
    assertThat(padded.shape()).containsExactly(4, 2);
    assertThat(padded.data()).containsExactly(3, 4, 5, 6, 5, 6, 5, 6);
    assertThat(BATCH.paddedSlice(0, 2, 2).data()).containsExactly(1, 2, 3, 4);
    assertThatThrownBy(() -> BATCH.paddedSlice(1, 3, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BATCH.paddedSlice(2, 4, 4)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void concatJoinsAlongTheFirstAxis() {
    FloatTensor joined = FloatTensor.concat(List.of(BATCH.paddedSlice(0, 1, 1), BATCH.paddedSlice(1, 3, 2)));
    assertThat(joined).isEqualTo(BATCH);
  }
}
