package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class TargetShapeTest {
  @Test
  void everyShapeFillsButNeverLeavesTheUnitDisc() {
    for (TargetShape shape : TargetShape.values()) {
      int inside = 0;
      double farthest = 0;
      for (int j = 0; j < 401; j++) {
        for (int i = 0; i < 401; i++) {
          double u = -1.5 + i * 0.0075;
          double v = -1.5 + j * 0.0075;
          if (shape.contains(u, v)) {
            inside++;
            farthest = Math.max(farthest, Math.sqrt(u * u + v * v));
          }
        }
      }
      assertThat(farthest).as("%s reaches", shape).isLessThanOrEqualTo(1).isGreaterThan(0.97);
      assertThat(inside * 0.0075 * 0.0075).as("%s area", shape).isCloseTo(shape.unitArea(), offset(0.03));
    }
  }

  @Test
  void theCircleIsTheUnitDisc() {
    assertThat(TargetShape.CIRCLE.unitArea()).isCloseTo(Math.PI, offset(0.1));
    assertThat(TargetShape.CIRCLE.contains(0.99, 0)).isTrue();
    assertThat(TargetShape.CIRCLE.contains(0.7, 0.72)).isFalse();
    assertThat(TargetShape.RING.contains(0, 0)).isFalse();
    assertThat(TargetShape.RING.contains(0, 0.8)).isTrue();
  }

  /**
   * The classes must be told apart by shape: even turned to the best match, no two shapes (drawn at
   * their relative sizes) overlap by more than 80 % intersection over union.
   */
  @Test
  void noTwoShapesMatchUnderAnyRotation() {
    TargetShape[] all = TargetShape.values();
    for (int a = 0; a < all.length; a++) {
      for (int b = a + 1; b < all.length; b++) {
        double best = 0;
        for (int step = 0; step < 36; step++) {
          best = Math.max(best, iou(all[a], all[b], step * Math.PI / 18));
        }
        assertThat(best).as("best overlap of %s and %s", all[a], all[b]).isLessThan(0.8);
      }
    }
  }

  @Test
  void aShapeMatchesItselfTurnedByItsSymmetry() {
    // Guards the test above: the overlap measure does recognise one shape.
    assertThat(iou(TargetShape.STAR, TargetShape.STAR, 2 * Math.PI / 5)).isGreaterThan(0.95);
    assertThat(iou(TargetShape.SQUARE, TargetShape.SQUARE, Math.PI / 2)).isGreaterThan(0.95);
  }

  private static double iou(TargetShape a, TargetShape b, double angle) {
    double fa = a.sizeFactor();
    double fb = b.sizeFactor();
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    int both = 0;
    int either = 0;
    int n = 120;
    double half = 1.4;
    for (int j = 0; j < n; j++) {
      double y = -half + (j + 0.5) * 2 * half / n;
      for (int i = 0; i < n; i++) {
        double x = -half + (i + 0.5) * 2 * half / n;
        boolean inA = a.contains(x / fa, y / fa);
        boolean inB = b.contains((x * cos + y * sin) / fb, (-x * sin + y * cos) / fb);
        if (inA && inB) {
          both++;
        }
        if (inA || inB) {
          either++;
        }
      }
    }
    return both / (double) either;
  }

  @Test
  void labelsAndNamesFollowTheOrdinal() {
    assertThat(TargetShape.displayNames()).hasSize(SyntheticDataset.CLASS_COUNT).doesNotHaveDuplicates();
    for (TargetShape s : TargetShape.values()) {
      assertThat(TargetShape.ofLabel(s.label())).isSameAs(s);
      assertThat(TargetShape.displayNames().get(s.label())).isEqualTo(s.displayName());
    }
    assertThatThrownBy(() -> TargetShape.ofLabel(8)).hasMessageContaining("no shape class 8");
  }
}
