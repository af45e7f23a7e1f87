package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticDatasetTest {
  private final SyntheticDataset dataset = new SyntheticDataset(7);

  @Test
  void theSameSeedAndIndexGiveTheSameImageInAnyOrderAndThread() {
    List<LabelledImage> forwards = IntStream.range(0, 24).mapToObj(dataset::sample).toList();
    SyntheticDataset again = new SyntheticDataset(7);
    List<LabelledImage> parallelBackwards = IntStream.range(0, 24).map(i -> 23 - i).parallel()
        .mapToObj(again::sample).toList();
    for (int i = 0; i < 24; i++) {
      LabelledImage a = forwards.get(i);
      LabelledImage b = parallelBackwards.get(23 - i);
      assertThat(b.image().pixels()).isEqualTo(a.image().pixels());
      assertThat(b.objects()).isEqualTo(a.objects());
    }
  }

  @Test
  void differentIndicesAndSeedsGiveDifferentImages() {
    byte[] first = dataset.sample(0).image().pixels();
    assertThat(dataset.sample(1).image().pixels()).isNotEqualTo(first);
    assertThat(new SyntheticDataset(8).sample(0).image().pixels()).isNotEqualTo(first);
    assertThat(dataset.pairSample(0).image().pixels()).isNotEqualTo(first);
  }

  @Test
  void labelOfAgreesWithTheSample() {
    for (int i = 0; i < 40; i++) {
      LabelledImage s = dataset.sample(i);
      assertThat(s.label()).isEqualTo(dataset.labelOf(i));
      assertThat(s.className()).isEqualTo(TargetShape.ofLabel(s.label()).displayName());
      assertThat(s.objects()).hasSize(1);
    }
  }

  @Test
  void everyBlockOfConsecutiveIndicesHoldsEveryClassOnceInAShuffledOrder() {
    int k = dataset.classCount();
    int[] firstBlock = IntStream.range(0, k).map(dataset::labelOf).toArray();
    boolean sameOrderEverywhere = true;
    for (long start = 0; start < 50L * k; start += k) {
      long from = start;
      int[] labels = IntStream.range(0, k).map(i -> dataset.labelOf(from + i)).toArray();
      assertThat(labels).containsExactlyInAnyOrder(IntStream.range(0, k).toArray());
      sameOrderEverywhere &= Arrays.equals(labels, firstBlock);
    }
    assertThat(sameOrderEverywhere).as("labels are not a fixed cycle of the index").isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {64, 96, 128})
  void imagesOfEverySupportedSizeHaveSoundGroundTruth(int size) {
    SyntheticDataset sized = new SyntheticDataset(3, size);
    for (int i = 0; i < 40; i++) {
      LabelledImage s = i % 2 == 0 ? sized.sample(i) : sized.pairSample(i);
      assertThat(s.image().width()).isEqualTo(size);
      assertThat(s.image().height()).isEqualTo(size);
      for (AnnotatedObject o : s.objects()) {
        assertThat(o.mask().orElseThrow().width()).isEqualTo(size);
        // The target is fully inside: its box keeps off the image border.
        assertThat(o.box().x0()).isPositive();
        assertThat(o.box().y0()).isPositive();
        assertThat(o.box().x1()).isLessThan(size);
        assertThat(o.box().y1()).isLessThan(size);
        SyntheticDatasetStatisticsTest.assertTight(o.mask().orElseThrow(), o.box());
        // Target sizes scale with the image: at least about 12 px across at 64x64.
        assertThat(Math.max(o.box().width(), o.box().height())).isGreaterThanOrEqualTo(size * 12 / 64);
      }
    }
  }

  @Test
  void pairSamplesHoldTwoDifferentClassesApart() {
    int[] seen = new int[dataset.classCount()];
    for (int i = 0; i < 60; i++) {
      LabelledImage pair = dataset.pairSample(i);
      assertThat(pair.objects()).hasSize(2);
      AnnotatedObject a = pair.objects().get(0);
      AnnotatedObject b = pair.objects().get(1);
      assertThat(a.classIndex()).isNotEqualTo(b.classIndex());
      assertThat(a.mask().orElseThrow().isDisjointFrom(b.mask().orElseThrow())).isTrue();
      assertThat(a.box().intersects(b.box())).isFalse();
      assertThat(a.mask().orElseThrow().count()).isGreaterThan(20);
      assertThat(b.mask().orElseThrow().count()).isGreaterThan(20);
      seen[a.classIndex()]++;
      seen[b.classIndex()]++;
    }
    assertThat(seen).as("every class appears in pairs").doesNotContain(0);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> dataset.sample(-1)).hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> new SyntheticDataset(1, 16)).hasMessageContaining("image size must be 32..1024");
    assertThat(dataset.classNames()).containsExactly("circle", "square", "triangle", "star", "cross", "ring",
        "heart", "arrow");
  }
}
