package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpriteTest {
  /** A disc of radius r, with or without the shortcut for pixels far from the edge. */
  private static Region disc(double r, boolean shortcut) {
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        return x * x + y * y <= r * r;
      }

      @Override
      public int classifyDisc(double x, double y, double d) {
        if (!shortcut) {
          return UNKNOWN;
        }
        double dist = Math.sqrt(x * x + y * y);
        return dist + d <= r ? INSIDE : dist - d > r ? OUTSIDE : UNKNOWN;
      }

      @Override
      public double radius() {
        return r;
      }
    };
  }

  @Test
  void coverageMeasuresTheArea() {
    Sprite s = Sprite.rasterise(disc(10, false), 20.3, 15.7);
    double area = 0;
    for (int y = s.y0; y < s.y0 + s.height; y++) {
      for (int x = s.x0; x < s.x0 + s.width; x++) {
        area += s.coverageAt(x, y) / (double) Sprite.FULL;
      }
    }
    assertThat(area).isCloseTo(Math.PI * 100, offset(3.0));
    // Trimmed to the covered pixels: from column floor(20.3 - 10) to floor(20.3 + 10).
    assertThat(s.x0).isEqualTo(10);
    assertThat(s.width).isEqualTo(21);
    assertThat(s.coverageAt(20, 15)).isEqualTo(Sprite.FULL);
    assertThat(s.coverageAt(0, 0)).isZero();
  }

  @Test
  void theShortcutDoesNotChangeTheCoverage() {
    assertSameCoverage(Sprite.rasterise(disc(7.3, true), 3.25, 9.6), Sprite.rasterise(disc(7.3, false), 3.25, 9.6));
  }

  @Test
  void distractorShortcutsDoNotChangeTheCoverage() {
    SplittableRandom rnd = new SplittableRandom(5);
    for (int i = 0; i < 200; i++) {
      Region r = Distractors.random(rnd, 1 + (i % 3) * 0.5);
      double cx = rnd.nextDouble();
      double cy = rnd.nextDouble();
      assertSameCoverage(Sprite.rasterise(r, cx, cy), Sprite.rasterise(withoutShortcut(r), cx, cy));
    }
  }

  private static Region withoutShortcut(Region r) {
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        return r.contains(x, y);
      }

      @Override
      public double radius() {
        return r.radius();
      }
    };
  }

  private static void assertSameCoverage(Sprite a, Sprite b) {
    assertThat(a.isEmpty()).isFalse();
    assertThat(new int[] {a.x0, a.y0, a.width, a.height}).isEqualTo(new int[] {b.x0, b.y0, b.width, b.height});
    for (int y = a.y0; y < a.y0 + a.height; y++) {
      for (int x = a.x0; x < a.x0 + a.width; x++) {
        assertThat(a.coverageAt(x, y)).as("coverage at (%d, %d)", x, y).isEqualTo(b.coverageAt(x, y));
      }
    }
  }

  @Test
  void shiftingMovesWholePixels() {
    Sprite s = Sprite.rasterise(disc(3, false), 0.5, 0.5);
    Sprite moved = s.shifted(10, 4);
    assertThat(moved.coverageAt(10, 4)).isEqualTo(s.coverageAt(0, 0)).isEqualTo(Sprite.FULL);
    assertThat(moved.coverageAt(13, 4)).isEqualTo(s.coverageAt(3, 0));
    assertThat(s.nearlyOverlaps(moved, 2)).isFalse();
    assertThat(s.nearlyOverlaps(s.shifted(8, 0), 2)).isTrue();
  }
}
