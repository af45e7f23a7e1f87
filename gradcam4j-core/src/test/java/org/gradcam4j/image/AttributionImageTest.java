package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class AttributionImageTest {
  /** Three channels over a 1x4 image whose channel sums are -4, -1, 2, 8. */
  private static final FloatTensor ATTR = new FloatTensor(new long[] {3, 1, 4}, new float[] {
      -1, 0, 1, 4,
      -2, -1, 0, 2,
      -1, 0, 1, 2});

  @Test
  void percentileInterpolatesLikeNumpy() {
    float[] v = {5, 1, 4, 2, 3};
    assertThat(AttributionImage.percentile(v, 50)).isEqualTo(3.0);
    assertThat(AttributionImage.percentile(v, 100)).isEqualTo(5.0);
    assertThat(AttributionImage.percentile(v, 90)).isCloseTo(4.6, within(1e-9));
  }

  @Test
  void absoluteSumsChannelsFirst() {
    float[] m = AttributionImage.toMap(ATTR, AttributionMode.ABSOLUTE, 100);
    assertThat(m).containsExactly(0.5f, 0.125f, 0.25f, 1f);
  }

  @Test
  void positiveAndNegativeKeepOneSign() {
    assertThat(AttributionImage.toMap(ATTR, AttributionMode.POSITIVE, 100)).containsExactly(0f, 0f, 0.25f, 1f);
    assertThat(AttributionImage.toMap(ATTR, AttributionMode.NEGATIVE, 100)).containsExactly(1f, 0.25f, 0f, 0f);
  }

  @Test
  void signedPutsZeroInTheMiddle() {
    assertThat(AttributionImage.toMap(ATTR, AttributionMode.SIGNED, 100))
        .containsExactly(0.25f, 0.4375f, 0.625f, 1f);
  }

  @Test
  void percentileClipsOutliers() {
    // |sums| sorted: 1, 2, 4, 8; the 50th percentile is 3, so 4 and 8 saturate
    float[] m = AttributionImage.toMap(ATTR, AttributionMode.ABSOLUTE, 50);
    assertThat(m[0]).isEqualTo(1f);
    assertThat(m[3]).isEqualTo(1f);
    assertThat(m[1]).isCloseTo(1f / 3, within(1e-6f));
  }

  @Test
  void zeroAttributionIsBlankNotNaN() {
    FloatTensor zero = FloatTensor.zeros(1, 3, 2, 2);
    assertThat(AttributionImage.toMap(zero, AttributionMode.ABSOLUTE, 99)).containsOnly(0f);
    assertThat(AttributionImage.toMap(zero, AttributionMode.SIGNED, 99)).containsOnly(0.5f);
  }

  @Test
  void renderColoursTheMap() {
    RgbImage img = AttributionImage.render(ATTR, AttributionMode.ABSOLUTE, 100, Colormap.GRAY);
    assertThat(img.width()).isEqualTo(4);
    assertThat(img.height()).isEqualTo(1);
    assertThat(img.get(3, 0, 0)).isEqualTo(255);
    assertThat(img.get(0, 0, 1)).isEqualTo(127);
  }
}
