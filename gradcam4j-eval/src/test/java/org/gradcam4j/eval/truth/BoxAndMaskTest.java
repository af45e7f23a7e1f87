package org.gradcam4j.eval.truth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BoxAndMaskTest {
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
    GroundTruth gt = GroundTruth.ofBoxes(List.of(new LabeledBox("cat", new Box(0, 0, 10, 10)),
        new LabeledBox("dog", new Box(100, 100, 120, 120))));
    assertThat(gt.withLabel("dog").boxList()).containsExactly(new Box(100, 100, 120, 120));
    // halve, then keep a 50x50 image: the dog leaves the image and is dropped
    GroundTruth small = gt.transformed(0.5, 0.5, 0, 0, 50, 50);
    assertThat(small.boxes()).extracting(LabeledBox::label).containsExactly("cat");
    assertThat(small.boxList()).containsExactly(new Box(0, 0, 5, 5));
    Mask mask = new Mask(2, 2, new boolean[] {true, false, false, false});
    GroundTruth withMask = new GroundTruth(List.of(), Optional.of(mask));
    assertThat(withMask.maskOrBoxes(2, 2)).isSameAs(mask);
    assertThatThrownBy(() -> withMask.maskOrBoxes(3, 3)).isInstanceOf(IllegalArgumentException.class);
  }
}
