package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OverlayTest {
  private final RgbImage grey = TestImages.filled(2, 1, 100, 100, 100);

  @Test
  void heatmapColoursTruncatedLevels() {
    // 0.999 -> level 254, 1.0 -> level 255
    RgbImage heat = Overlay.heatmap(new float[] {0.999f, 1f}, 2, 1, Colormap.GRAY);
    assertThat(heat.get(0, 0, 0)).isEqualTo(254);
    assertThat(heat.get(1, 0, 2)).isEqualTo(255);
  }

  @Test
  void alphaWeighsTheHeatMap() {
    float[] map = {0f, 1f};
    assertThat(Overlay.blend(grey, map, Colormap.JET, 0f).pixels()).isEqualTo(grey.pixels());
    assertThat(Overlay.blend(grey, map, Colormap.JET, 1f).pixels())
        .isEqualTo(Overlay.heatmap(map, 2, 1, Colormap.JET).pixels());
    RgbImage half = Overlay.blend(grey, map, Colormap.JET, 0.5f);
    // jet(0) = (0, 0, 128): (100 + 0) / 2 = 50, (100 + 128) / 2 = 114
    assertThat(new int[] {half.get(0, 0, 0), half.get(0, 0, 1), half.get(0, 0, 2)}).containsExactly(50, 50, 114);
    // jet(255) = (128, 0, 0)
    assertThat(new int[] {half.get(1, 0, 0), half.get(1, 0, 1), half.get(1, 0, 2)}).containsExactly(114, 50, 50);
  }

  @Test
  void blendRounds() {
    RgbImage one = TestImages.filled(1, 1, 1, 1, 1);
    // 0.7 * 1 + 0.3 * 0 = 0.7 -> 1 (gray level 0 = black)
    RgbImage out = Overlay.blend(one, new float[] {0f}, Colormap.GRAY, 0.3f);
    assertThat(out.get(0, 0, 0)).isEqualTo(1);
  }

  @Test
  void mapMustHaveTheImageSize() {
    assertThatThrownBy(() -> Overlay.blend(grey, new float[49], Colormap.JET, 0.5f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("49");
    assertThatThrownBy(() -> Overlay.blend(grey, new float[2], Colormap.JET, 1.5f))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alpha");
  }
}
