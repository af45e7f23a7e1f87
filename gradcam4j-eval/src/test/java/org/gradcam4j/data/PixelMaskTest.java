package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PixelMaskTest {
  private static PixelMask mask(String... rows) {
    boolean[] bits = new boolean[rows.length * rows[0].length()];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length(); x++) {
        bits[y * rows[0].length() + x] = rows[y].charAt(x) == '#';
      }
    }
    return new PixelMask(rows[0].length(), rows.length, bits);
  }

  @Test
  void boundingBoxIsTightWithAnExclusiveUpperCorner() {
    PixelMask m = mask(
        "......",
        "..#...",
        ".##...",
        "....#.");
    assertThat(m.boundingBox()).isEqualTo(new BoundingBox(1, 1, 5, 4));
    assertThat(m.count()).isEqualTo(4);
    assertThat(m.get(2, 1)).isTrue();
    assertThat(m.get(0, 0)).isFalse();
  }

  @Test
  void isACopyAndComparesByValue() {
    boolean[] bits = {true, false, false, true};
    PixelMask m = new PixelMask(2, 2, bits);
    bits[1] = true;
    assertThat(m.get(1, 0)).isFalse();
    assertThat(m).isEqualTo(mask("#.", ".#")).hasSameHashCodeAs(mask("#.", ".#"));
    assertThat(m.isDisjointFrom(mask(".#", "#."))).isTrue();
    assertThat(m.isDisjointFrom(mask("##", ".."))).isFalse();
  }

  @Test
  void anEmptyMaskHasNoBox() {
    assertThat(mask("..", "..").isEmpty()).isTrue();
    assertThatThrownBy(() -> mask("..", "..").boundingBox()).hasMessageContaining("empty mask");
  }

  @Test
  void boxesRejectInvertedCorners() {
    assertThatThrownBy(() -> new BoundingBox(3, 0, 3, 2)).hasMessageContaining("0 <= x0 < x1");
    BoundingBox b = new BoundingBox(1, 1, 4, 3);
    assertThat(b.width()).isEqualTo(3);
    assertThat(b.area()).isEqualTo(6);
    assertThat(b.contains(3, 2)).isTrue();
    assertThat(b.contains(4, 2)).isFalse();
    assertThat(b.intersects(new BoundingBox(4, 0, 6, 6))).isFalse();
    assertThat(b.intersects(new BoundingBox(3, 2, 6, 6))).isTrue();
  }
}
