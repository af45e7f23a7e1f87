package org.gradcam4j.diagnose.bias;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.error.GradCamException;
import org.junit.jupiter.api.Test;

class BiasedShapesTest {
  private static final List<TargetShape> CLASSES = List.of(TargetShape.CIRCLE, TargetShape.CROSS, TargetShape.STAR);
  private static final int N = 300;

  @Test
  void theCueGoesWithTheClassAtTheRateAskedAndByChanceWhenBalanced() {
    assertThat(matchingShare(new BiasedShapes(1, CLASSES, 0.95, BiasedShapes.Cueing.BY_RATE))).isBetween(0.91, 0.99);
    assertThat(matchingShare(new BiasedShapes(1, CLASSES, BiasedShapes.balancedRate(3), BiasedShapes.Cueing.BY_RATE)))
        .isBetween(0.25, 0.42);
    assertThat(matchingShare(new BiasedShapes(1, CLASSES, 0.95, BiasedShapes.Cueing.SWAPPED))).isZero();
  }

  @Test
  void theCueIsASmallSquareClearOfTheObjectAndTheClassesAreBalanced() {
    BiasedShapes data = new BiasedShapes(2, CLASSES, 0.95, BiasedShapes.Cueing.BY_RATE);
    int[] perClass = new int[3];
    for (int i = 0; i < N; i++) {
      BiasedShapes.Sample s = data.sample(i);
      assertThat(s.cue().count()).isEqualTo(Cue.side(64) * Cue.side(64));
      assertThat(s.cue().isDisjointFrom(s.object())).as("image %d", i).isTrue();
      assertThat(s.cue().boundingBox().intersects(s.object().boundingBox())).isFalse();
      perClass[s.label()]++;
    }
    assertThat(perClass).containsExactly(N / 3, N / 3, N / 3);
  }

  @Test
  void cueFreeAndCueSwappedCopiesShowTheSameScenes() {
    BiasedShapes data = new BiasedShapes(3, CLASSES, 0.95, BiasedShapes.Cueing.BY_RATE);
    for (int i = 0; i < 30; i++) {
      BiasedShapes.Sample cued = data.sample(i);
      BiasedShapes.Sample none = data.withCueing(BiasedShapes.Cueing.NONE).sample(i);
      BiasedShapes.Sample swapped = data.withCueing(BiasedShapes.Cueing.SWAPPED).sample(i);
      assertThat(none.object()).isEqualTo(cued.object());
      assertThat(swapped.object()).isEqualTo(cued.object());
      assertThat(none.cue().isEmpty()).isTrue();
      assertThat(none.cueClass()).isEqualTo(-1);
      assertThat(swapped.cueClass()).isNotEqualTo(swapped.label());
      // Outside the cue, the cued image is the cue-free one.
      for (int p = 0; p < 64 * 64; p++) {
        if (!cued.cue().get(p % 64, p / 64)) {
          for (int c = 0; c < 3; c++) {
            assertThat(cued.image().get(p % 64, p / 64, c)).isEqualTo(none.image().get(p % 64, p / 64, c));
          }
        }
      }
    }
  }

  @Test
  void isReproducibleAndAScenePoolRepeatsScenesWithNewCues() {
    BiasedShapes a = new BiasedShapes(4, CLASSES, 0.5, BiasedShapes.Cueing.BY_RATE);
    BiasedShapes b = new BiasedShapes(4, CLASSES, 0.5, BiasedShapes.Cueing.BY_RATE);
    assertThat(a.sample(17).image().pixels()).isEqualTo(b.sample(17).image().pixels());
    BiasedShapes pooled = new BiasedShapes(4, CLASSES, 0.5, BiasedShapes.Cueing.BY_RATE, 6);
    boolean cueChanged = false;
    for (int k = 1; k < 6; k++) {
      assertThat(pooled.sample(2 + 6 * k).object()).isEqualTo(pooled.sample(2).object());
      cueChanged |= pooled.sample(2 + 6 * k).cueClass() != pooled.sample(2).cueClass()
          || !pooled.sample(2 + 6 * k).cue().equals(pooled.sample(2).cue());
    }
    assertThat(cueChanged).isTrue();
  }

  @Test
  void rejectsBadSettingsWithAMessage() {
    assertThatThrownBy(() -> new BiasedShapes(0, List.of(TargetShape.CIRCLE), 1, BiasedShapes.Cueing.BY_RATE))
        .isInstanceOf(GradCamException.class).hasMessageContaining("2 to 8 different shapes");
    assertThatThrownBy(() -> new BiasedShapes(0, CLASSES, 0.2, BiasedShapes.Cueing.BY_RATE))
        .isInstanceOf(GradCamException.class).hasMessageContaining("between 1/3");
    assertThatThrownBy(() -> BiasedShapes.parseClasses("circle,hexagon"))
        .isInstanceOf(GradCamException.class).hasMessageContaining("'hexagon'");
  }

  private static double matchingShare(BiasedShapes data) {
    int matching = 0;
    for (int i = 0; i < N; i++) {
      BiasedShapes.Sample s = data.sample(i);
      matching += s.cueClass() == s.label() ? 1 : 0;
    }
    return (double) matching / N;
  }
}
