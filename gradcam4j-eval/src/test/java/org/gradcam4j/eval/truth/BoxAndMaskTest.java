package org.gradcam4j.eval.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxAndMaskTest {
  private static Mask mask(String... rows) {
    boolean[] bits = new boolean[rows.length * rows[0].length()];
    for (int y = 0; y < rows.length; y++) {
      for (int x = 0; x < rows[y].length(); x++) {
        bits[y * rows[0].length() + x] = rows[y].charAt(x) == '#';
      }
    }
    return new Mask(rows[0].length(), rows.length, bits);
  }

  @Test
  void boundingBoxIsTightWithAnExclusiveUpperCorner() {
    Mask m = mask(
        "......",
        "..#...",
        ".##...",
        "....#.");
    assertThat(m.boundingBox()).isEqualTo(new Box(1, 1, 5, 4));
    assertThat(m.count()).isEqualTo(4);
    assertThat(m.get(2, 1)).isTrue();
    assertThat(m.get(0, 0)).isFalse();
  }

  @Test
  void aMaskIsACopyAndComparesByValue() {
    boolean[] bits = {true, false, false, true};
    Mask m = new Mask(2, 2, bits);
    bits[1] = true;
    assertThat(m.get(1, 0)).isFalse();
    m.inside()[1] = true;
    assertThat(m.get(1, 0)).isFalse();
    assertThat(m).isEqualTo(mask("#.", ".#")).hasSameHashCodeAs(mask("#.", ".#"));
    assertThat(m.isDisjointFrom(mask(".#", "#."))).isTrue();
    assertThat(m.isDisjointFrom(mask("##", ".."))).isFalse();
    assertThatThrownBy(() -> m.isDisjointFrom(mask("#"))).hasMessageContaining("differ in size");
  }

  @Test
  void anEmptyMaskHasNoBox() {
    assertThat(mask("..", "..").isEmpty()).isTrue();
    assertThat(mask(".#", "..").isEmpty()).isFalse();
    assertThat(mask("..", "..").boundingBox()).isNull();
  }

  @Test
  void boxesRejectInvertedCornersAndKnowTheirPixels() {
    assertThatThrownBy(() -> new Box(3, 0, 2, 2)).hasMessageContaining("out of order");
    Box b = new Box(1, 1, 4, 3);
    assertThat(b.width()).isEqualTo(3);
    assertThat(b.area()).isEqualTo(6);
    assertThat(b.containsPixel(3, 2)).isTrue();
    assertThat(b.containsPixel(4, 2)).isFalse();
    assertThat(b.intersects(new Box(4, 0, 6, 6))).isFalse();
    assertThat(b.intersects(new Box(3, 2, 6, 6))).isTrue();
    assertThat(b.fitsIn(4, 3)).isTrue();
    assertThat(b.fitsIn(3, 3)).isFalse();
    assertThat(new Box(-1, 0, 2, 2).fitsIn(10, 10)).isFalse();
  }

  @Test
  void maskOfBoxesCoversPixelCentres() {
    Mask m = Mask.ofBoxes(List.of(new Box(1, 1, 3, 2), new Box(4.6, 0, 5.4, 1)), 6, 3);
    // pixels (1,1), (2,1); the thin box holds no pixel centre (5.5 is outside [4.6, 5.4))
    assertThat(m.count()).isEqualTo(2);
    assertThat(m.get(1, 1)).isTrue();
    assertThat(m.get(2, 1)).isTrue();
    assertThat(m.get(3, 1)).isFalse();
    assertThat(m.get(-1, 0)).isFalse();
    assertThat(m.boundingBox()).isEqualTo(new Box(1, 1, 3, 2));
    assertThat(Mask.ofBoxes(List.of(new Box(-5, -5, 100, 100)), 6, 3).count()).isEqualTo(18);
  }

  @Test
  void transformMapsResizeAndCrop() {
    // resize by 0.5, crop from (10, 20)
    Box b = new Box(40, 60, 100, 120).transformed(0.5, 0.5, -10, -20);
    assertThat(b).isEqualTo(new Box(10, 10, 40, 40));
    assertThat(b.clipped(30, 30)).isEqualTo(new Box(10, 10, 30, 30));
    assertThat(new Box(50, 50, 60, 60).clipped(30, 30).isEmpty()).isTrue();
  }

  @Test
  void distanceFromPixelCentre() {
    Box b = new Box(10, 10, 20, 20);
    assertThat(b.distanceToPixel(15, 15)).isZero();
    assertThat(b.distanceToPixel(4, 15)).isCloseTo(5.5, within(1e-12));
    assertThat(b.containsPixel(19, 19)).isTrue();
    assertThat(b.containsPixel(20, 19)).isFalse();
  }

  @Test
  void groundTruthSelectsAndTransforms() {
    GroundTruth gt = GroundTruth.ofBoxes(List.of(new AnnotatedObject("cat", new Box(0, 0, 10, 10)),
        new AnnotatedObject("dog", new Box(100, 100, 120, 120))));
    assertThat(gt.withLabel("dog").boxList()).containsExactly(new Box(100, 100, 120, 120));
    // halve, then keep a 50x50 image: the dog leaves the image and is dropped
    GroundTruth small = gt.transformed(0.5, 0.5, 0, 0, 50, 50);
    assertThat(small.objects()).extracting(AnnotatedObject::label).containsExactly("cat");
    assertThat(small.boxList()).containsExactly(new Box(0, 0, 5, 5));
    Mask mask = new Mask(2, 2, new boolean[] {true, false, false, false});
    GroundTruth withMask = new GroundTruth(List.of(), Optional.of(mask));
    assertThat(withMask.maskOrBoxes(2, 2)).isSameAs(mask);
    assertThatThrownBy(() -> withMask.maskOrBoxes(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
