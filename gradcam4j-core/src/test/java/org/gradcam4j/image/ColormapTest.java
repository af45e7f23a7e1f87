package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColormapTest {
  /**
   * Levels of OpenCV 4.6's COLORMAP_JET (as RGB), including levels that lie exactly half-way
   * between two bytes on jet's slopes, where only OpenCV's own float32 rounding gives these bytes.
   */
  @ParameterizedTest
  @CsvSource({
      "0, 0x000080", "5, 0x000094", "9, 0x0000a4", "35, 0x000cff", "96, 0x02fffe", "97, 0x06fffa",
      "98, 0x0afff6", "128, 0x82ff7e", "200, 0xff5c00", "255, 0x800000"})
  void jetIsOpenCvJet(int level, String rgb) {
    assertThat(hex(Colormap.JET.rgb(level))).isEqualTo(rgb);
  }

  @Test
  void jetFollowsItsPiecewiseLinearDefinitionEverywhere() {
    for (int i = 0; i < 256; i++) {
      double v = i / 255.0;
      int rgb = Colormap.JET.rgb(i);
      // r, g, b = clamp(1.5 - |4v - k|) for k = 3, 2, 1
      assertThat((double) (rgb >> 16 & 0xff)).as("red %d", i).isCloseTo(channel(v, 3), org.assertj.core.data.Offset.offset(0.501));
      assertThat((double) (rgb >> 8 & 0xff)).as("green %d", i).isCloseTo(channel(v, 2), org.assertj.core.data.Offset.offset(0.501));
      assertThat((double) (rgb & 0xff)).as("blue %d", i).isCloseTo(channel(v, 1), org.assertj.core.data.Offset.offset(0.501));
    }
  }

  private static double channel(double v, int k) {
    return 255 * Math.max(0, Math.min(1, 1.5 - Math.abs(4 * v - k)));
  }

  @Test
  void perceptualScalesStartAndEndAtTheirPublishedColours() {
    assertThat(hex(Colormap.VIRIDIS.rgb(0))).isEqualTo("0x440154");
    assertThat(hex(Colormap.VIRIDIS.rgb(255))).isEqualTo("0xfde725");
    assertThat(hex(Colormap.INFERNO.rgb(0))).isEqualTo("0x000004");
    assertThat(hex(Colormap.INFERNO.rgb(255))).isEqualTo("0xfcffa4");
    assertThat(hex(Colormap.TURBO.rgb(0))).isEqualTo("0x30123b");
    assertThat(hex(Colormap.TURBO.rgb(255))).isEqualTo("0x7a0403");
  }

  @Test
  void viridisLightnessGrowsSteadily() {
    double previous = -1;
    for (int i = 0; i < 256; i += 5) {
      int rgb = Colormap.VIRIDIS.rgb(i);
      double luma = 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
      assertThat(luma).as("level %d", i).isGreaterThan(previous);
      previous = luma;
    }
  }

  @Test
  void grayIsTheIdentity() {
    for (int i = 0; i < 256; i++) {
      assertThat(Colormap.GRAY.rgb(i)).isEqualTo(i << 16 | i << 8 | i);
    }
  }

  @Test
  void divergingScalesAreNeutralInTheMiddle() {
    for (Colormap c : new Colormap[] {Colormap.COOLWARM, Colormap.BWR}) {
      assertThat(c.isDiverging()).isTrue();
      int mid = c.rgb(128);
      int r = mid >> 16 & 0xff;
      int b = mid & 0xff;
      assertThat(Math.abs(r - b)).as(c.name()).isLessThanOrEqualTo(2);
      assertThat(c.rgb(0) & 0xff).as("%s is blue at the bottom", c.name()).isGreaterThan(c.rgb(0) >> 16 & 0xff);
      assertThat(c.rgb(255) >> 16 & 0xff).as("%s is red at the top", c.name()).isGreaterThan(c.rgb(255) & 0xff);
    }
    assertThat(Colormap.JET.isDiverging()).isFalse();
  }

  @Test
  void levelTruncatesLikeNumpy() {
    assertThat(Colormap.level(0f)).isZero();
    assertThat(Colormap.level(0.5f)).isEqualTo(127);
    assertThat(Colormap.level(0.999f)).isEqualTo(254);
    assertThat(Colormap.level(1f)).isEqualTo(255);
    assertThat(Colormap.level(1.5f)).isEqualTo(255);
    assertThat(Colormap.level(-0.2f)).isZero();
    assertThat(Colormap.level(Float.NaN)).isZero();
  }

  @Test
  void namesLookUpCaseInsensitively() {
    assertThat(Colormap.names()).contains("jet", "turbo", "viridis", "inferno", "gray", "coolwarm", "bwr");
    assertThat(Colormap.named("JET")).isSameAs(Colormap.JET);
    for (String name : Colormap.names()) {
      assertThat(Colormap.named(name).name()).isEqualTo(name);
    }
  }

  @Test
  void unknownNameListsTheKnownOnes() {
    assertThatThrownBy(() -> Colormap.named("rainbow"))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("rainbow")
        .hasMessageContaining("viridis");
  }

  private static String hex(int rgb) {
    return String.format("0x%06x", rgb);
  }
}
