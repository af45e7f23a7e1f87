package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;

class CanvasTest {
  private static final double[] RED = {255, 0, 0};
  private static final double[] BLUE = {0, 0, 255};

  private static Region square(double half) {
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        return Math.abs(x) <= half && Math.abs(y) <= half;
      }

      @Override
      public double radius() {
        return half * Math.sqrt(2);
      }
    };
  }

  @Test
  void theMaskIsWhatTheTargetStillOwnsAfterLaterPainting() {
    Canvas canvas = new Canvas(32);
    // A 10x10 target on whole pixels 5..14, then a 4x4 occluder over its corner 11..14.
    Sprite target = Sprite.rasterise(square(5), 10, 10);
    int t = canvas.drawTarget(target, Paint.flat(RED));
    assertThat(canvas.maskCount(t)).isEqualTo(100);
    Sprite occluder = Sprite.rasterise(square(2), 13, 13);
    assertThat(canvas.maskPixelsLostBy(occluder, t)).isEqualTo(16);
    canvas.draw(occluder, Paint.flat(BLUE));
    assertThat(canvas.maskCount(t)).isEqualTo(84);
    Mask mask = canvas.mask(t);
    assertThat(mask.get(5, 5)).isTrue();
    assertThat(mask.get(12, 12)).isFalse();
    assertThat(mask.boundingBox()).isEqualTo(new Box(5, 5, 15, 15));
  }

  @Test
  void halfCoveredPixelsBelongToTheTargetAndBlendTheirColour() {
    Canvas canvas = new Canvas(16);
    // Edges at x = 4.5 and 11.5: columns 4 and 11 are half covered.
    Sprite target = Sprite.rasterise(square(3.5), 8, 8);
    int t = canvas.drawTarget(target, Paint.flat(RED));
    Mask mask = canvas.mask(t);
    assertThat(mask.get(4, 8)).isTrue();
    assertThat(mask.get(11, 8)).isTrue();
    assertThat(mask.get(3, 8)).isFalse();
    RgbImage image = canvas.toImage(new SplittableRandom(1), 0);
    assertThat(image.get(8, 8, 0)).isEqualTo(255);
    assertThat(image.get(4, 8, 0)).isEqualTo(128);
    assertThat(image.get(3, 8, 0)).isZero();
  }

  @Test
  void pixelsAroundAreTheCoveredOnesAndTheirNeighboursInsideTheImage() {
    Canvas canvas = new Canvas(20);
    for (int i = 0; i < 400; i++) {
      canvas.set(i, i % 20, i / 20, 0);
    }
    SplittableRandom rnd = new SplittableRandom(9);
    for (int trial = 0; trial < 50; trial++) {
      // Clipped at the border in some trials.
      Sprite s = Sprite.rasterise(Distractors.random(rnd, 0.5), rnd.nextDouble() * 20, rnd.nextDouble() * 20);
      int margin = trial % 3;
      double[] got = canvas.pixelsAround(s, margin);
      java.util.List<Double> expected = new java.util.ArrayList<>();
      for (int y = 0; y < 20; y++) {
        for (int x = 0; x < 20; x++) {
          boolean near = false;
          for (int dy = -margin; dy <= margin; dy++) {
            for (int dx = -margin; dx <= margin; dx++) {
              near |= s.coverageAt(x + dx, y + dy) > 0;
            }
          }
          if (near) {
            expected.add((double) x);
            expected.add((double) y);
            expected.add(0.0);
          }
        }
      }
      assertThat(got).containsExactly(expected.stream().mapToDouble(Double::doubleValue).toArray());
    }
  }

  @Test
  void noiseHasAboutTheRequestedStrength() {
    Canvas canvas = new Canvas(64);
    for (int i = 0; i < 64 * 64; i++) {
      canvas.set(i, 128, 128, 128);
    }
    RgbImage image = canvas.toImage(new SplittableRandom(3), 6);
    double sum2 = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        double d = image.get(x, y, 1) - 128;
        sum2 += d * d;
      }
    }
    // Brightness part sigma = 6 plus a uniform colour part of +-2 (sd 1.15): total about 6.1.
    assertThat(Math.sqrt(sum2 / (64 * 64))).isBetween(5.6, 6.7);
  }
}
