package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Optional;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;

/** Ground truth must land on the same pixels as the object after the image's resize and crop. */
class InputGeometryTest {
  private static Preprocessing pre(int resize, int crop) {
    return new Preprocessing(resize, crop, ChannelOrder.RGB, 255f, new float[3], new float[] {1, 1, 1});
  }

  /** A black image with a white rectangle over {@code box}. */
  private static RgbImage withRectangle(int w, int h, int x0, int y0, int x1, int y1) {
    RgbImage img = RgbImage.blank(w, h);
    for (int y = y0; y < y1; y++) {
      for (int x = x0; x < x1; x++) {
        for (int c = 0; c < 3; c++) {
          img.set(x, y, c, 255);
        }
      }
    }
    return img;
  }

  /** Box around the pixels that are at least half white. */
  private static Box brightBox(RgbImage img) {
    boolean[] in = new boolean[img.width() * img.height()];
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        in[y * img.width() + x] = img.get(x, y, 0) >= 128;
      }
    }
    return new Mask(img.width(), img.height(), in).boundingBox();
  }

  private static void assertBoxNear(Box actual, Box expected, double tolerance) {
    assertThat(actual.x0()).isCloseTo(expected.x0(), within(tolerance));
    assertThat(actual.y0()).isCloseTo(expected.y0(), within(tolerance));
    assertThat(actual.x1()).isCloseTo(expected.x1(), within(tolerance));
    assertThat(actual.y1()).isCloseTo(expected.y1(), within(tolerance));
  }

  @Test
  void boxesAndMasksFollowTheResizeAndCentreCrop() {
    // 50x40 -> shorter side 20 gives 25x20, crop 16 starts at (round_half_even(4.5) = 4, 2).
    Preprocessing p = pre(20, 16);
    InputGeometry g = InputGeometry.of(p, 50, 40);
    assertThat(g.width()).isEqualTo(16);
    assertThat(g.left()).isEqualTo(4);
    assertThat(g.top()).isEqualTo(2);
    RgbImage image = withRectangle(50, 40, 10, 8, 30, 24);
    Box whereItLands = brightBox(p.resizeAndCrop(image));
    boolean[] mask = new boolean[50 * 40];
    for (int y = 8; y < 24; y++) {
      for (int x = 10; x < 30; x++) {
        mask[y * 50 + x] = true;
      }
    }
    GroundTruth truth = new GroundTruth(List.of(new AnnotatedObject("thing", new Box(10, 8, 30, 24))),
        Optional.of(new Mask(50, 40, mask)));
    GroundTruth moved = g.map(truth, p);
    assertBoxNear(moved.boxList().get(0), new Box(1, 2, 11, 10), 1e-9);
    assertBoxNear(moved.boxList().get(0), whereItLands, 1.0);
    Mask movedMask = moved.mask().orElseThrow();
    assertThat(movedMask.width()).isEqualTo(16);
    assertBoxNear(movedMask.boundingBox(), whereItLands, 0.0);
  }

  @Test
  void aCropLargerThanTheImagePadsAndShiftsTheBox() {
    Preprocessing p = pre(0, 16);
    InputGeometry g = InputGeometry.of(p, 10, 12);
    assertThat(g.left()).isEqualTo(-3);
    assertThat(g.top()).isEqualTo(-2);
    GroundTruth moved = g.map(GroundTruth.ofBoxes(List.of(new AnnotatedObject("a", new Box(0, 0, 4, 4)))), p);
    Box landed = brightBox(p.resizeAndCrop(withRectangle(10, 12, 0, 0, 4, 4)));
    assertBoxNear(moved.boxList().get(0), landed, 0.0);
  }

  @Test
  void withoutResizeOrCropNothingMoves() {
    Preprocessing p = pre(0, 0);
    InputGeometry g = InputGeometry.of(p, 20, 10);
    assertThat(g.isIdentity()).isTrue();
    Mask mask = new Mask(20, 10, new boolean[200]);
    GroundTruth truth = new GroundTruth(List.of(new AnnotatedObject("a", new Box(1, 2, 3, 4))), Optional.of(mask));
    GroundTruth moved = g.map(truth, p);
    assertThat(moved.mask()).containsSame(mask);
    assertThat(moved.boxList()).containsExactly(new Box(1, 2, 3, 4));
  }

  @Test
  void boxesOutsideTheCropAreDropped() {
    Preprocessing p = pre(0, 10);
    InputGeometry g = InputGeometry.of(p, 30, 10);
    GroundTruth moved = g.map(GroundTruth.ofBoxes(List.of(new AnnotatedObject("left", new Box(0, 0, 5, 5)),
        new AnnotatedObject("middle", new Box(12, 2, 16, 6)))), p);
    assertThat(moved.objects()).extracting(AnnotatedObject::label).containsExactly("middle");
    assertThat(moved.boxList().get(0)).isEqualTo(new Box(2, 2, 6, 6));
  }
}
