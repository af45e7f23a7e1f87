package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PixelOrderTest {
  @Test
  void decreasingValuesWithNegativesAndSignedZero() {
    float[] v = {0.5f, -2f, 3f, -0f, 1e-30f, -1e-30f, Float.POSITIVE_INFINITY, -7f};
    int[] order = PixelOrder.mostRelevantFirst(v, 1);
    assertThat(order[0]).isEqualTo(6);
    assertThat(order[1]).isEqualTo(2);
    assertThat(order[2]).isEqualTo(0);
    assertThat(order[3]).isEqualTo(4);
    assertThat(order[4]).isEqualTo(3);
    assertThat(order[5]).isEqualTo(5);
    assertThat(order[6]).isEqualTo(1);
    assertThat(order[7]).isEqualTo(7);
  }

  @Test
  void tiesAreShuffledButRepeatable() {
    float[] v = new float[1000];
    Arrays.fill(v, 500, 1000, 1f);
    int[] a = PixelOrder.mostRelevantFirst(v, 42);
    int[] b = PixelOrder.mostRelevantFirst(v, 42);
    int[] c = PixelOrder.mostRelevantFirst(v, 43);
    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
    // the ties stay within their value group
    for (int k = 0; k < 500; k++) {
      assertThat(a[k]).isGreaterThanOrEqualTo(500);
      assertThat(a[500 + k]).isLessThan(500);
    }
    // and are not in index order (which would remove rows from the top first)
    int[] sortedTop = Arrays.copyOf(a, 500);
    Arrays.sort(sortedTop);
    assertThat(Arrays.copyOf(a, 500)).isNotEqualTo(sortedTop);
    // a permutation of all pixels
    int[] all = a.clone();
    Arrays.sort(all);
    for (int i = 0; i < all.length; i++) {
      assertThat(all[i]).isEqualTo(i);
    }
  }
}
