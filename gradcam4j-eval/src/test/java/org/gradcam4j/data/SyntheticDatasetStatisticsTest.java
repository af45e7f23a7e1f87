package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Properties of the benchmark measured over many samples: ground truth is well formed, classes are
 * balanced, colour does not predict the class, and the target stands out from its surroundings.
 */
class SyntheticDatasetStatisticsTest {
  private static final int TRAIN = 2000;
  private static final int TEST = 1000;
  private static final SyntheticDataset DATASET = new SyntheticDataset(20240611L);
  private static List<LabelledImage> samples;

  @BeforeAll
  static void generate() {
    samples = IntStream.range(0, TRAIN + TEST).parallel().mapToObj(DATASET::sample).toList();
  }

  @Test
  void masksAreNonEmptyInsideTheImageAndTightInTheirBoxes() {
    int size = DATASET.imageSize();
    for (LabelledImage s : samples) {
      Mask mask = s.mask();
      Box box = s.box();
      assertThat(mask.count()).isGreaterThan(20);
      // Targets keep one pixel from the border: they are entirely in the picture.
      assertThat(box.x0()).isGreaterThanOrEqualTo(1);
      assertThat(box.y0()).isGreaterThanOrEqualTo(1);
      assertThat(box.x1()).isLessThanOrEqualTo(size - 1);
      assertThat(box.y1()).isLessThanOrEqualTo(size - 1);
      assertTight(mask, box);
    }
  }

  static void assertTight(Mask mask, Box box) {
    boolean top = false;
    boolean bottom = false;
    boolean left = false;
    boolean right = false;
    for (int y = 0; y < mask.height(); y++) {
      for (int x = 0; x < mask.width(); x++) {
        if (!mask.get(x, y)) {
          continue;
        }
        assertThat(box.containsPixel(x, y)).as("mask pixel (%d, %d) inside %s", x, y, box).isTrue();
        top |= y == box.y0();
        bottom |= y == box.y1() - 1;
        left |= x == box.x0();
        right |= x == box.x1() - 1;
      }
    }
    assertThat(new boolean[] {top, bottom, left, right}).as("every side of %s touches the mask", box)
        .containsOnly(true);
  }

  @Test
  void classesAreBalanced() {
    int k = DATASET.classCount();
    int[] counts = new int[k];
    for (LabelledImage s : samples) {
      counts[s.label()]++;
      assertThat(s.className()).isEqualTo(DATASET.classNames().get(s.label()));
    }
    for (int c = 0; c < k; c++) {
      double share = counts[c] / (double) samples.size();
      assertThat(share).as("share of class %s", DATASET.classNames().get(c)).isCloseTo(1.0 / k,
          org.assertj.core.data.Offset.offset(0.01));
    }
  }

  /**
   * Chance accuracy: the test samples are balanced exactly (each class {@code TEST / k} times), so a
   * classifier whose prediction is independent of the label is right with probability exactly
   * {@code 1 / k}, whatever classes it favours.
   */
  private static double chance() {
    return 1.0 / DATASET.classCount();
  }

  /**
   * How far from chance the accuracy of a classifier that knows nothing may wander: four standard
   * deviations of the accuracy on {@code TEST} samples if the label does not matter. The number of
   * correct answers is then at most as spread as Binomial(TEST, 1/k) (exact balance only narrows it),
   * with standard deviation sqrt(p (1 - p) / TEST) = sqrt(0.125 * 0.875 / 1000) = 0.0105 for k = 8,
   * so the bar is 0.125 +- 0.042. A colour-blind data set leaves this band with odds below 1 in 15,000
   * (normal tail beyond 4 sd), while a colour cue worth a third more right answers than chance
   * (accuracy 0.167 or more) fails the test.
   */
  private static double chanceBand() {
    double p = chance();
    return 4 * Math.sqrt(p * (1 - p) / TEST);
  }

  @Test
  void meanColourDoesNotPredictTheClass() {
    double accuracy = nearestCentroidAccuracy(SyntheticDatasetStatisticsTest::meanColour);
    assertThat(accuracy).as("nearest-centroid accuracy on mean colour").isCloseTo(chance(),
        org.assertj.core.data.Offset.offset(chanceBand()));
  }

  @Test
  void colourHistogramDoesNotPredictTheClass() {
    double accuracy = nearestCentroidAccuracy(SyntheticDatasetStatisticsTest::colourHistogram);
    assertThat(accuracy).as("nearest-centroid accuracy on the colour histogram").isCloseTo(chance(),
        org.assertj.core.data.Offset.offset(chanceBand()));
  }

  @Test
  void theHarnessWouldNoticeClassColouredTargets() {
    // Repaint each target in a colour of its class: the same classifier must now clear the bar of the
    // tests above by a wide margin, or passing them proves nothing. "Wide": as far again above the top
    // of the band as the top is above chance (chance + 8 sd = 0.209), so that the control's own
    // sampling noise (about 4 sd) could not bring it back inside the band.
    double accuracy = nearestCentroidAccuracy(s -> colourHistogram(withTargetPainted(s)));
    assertThat(accuracy).as("nearest-centroid accuracy with class-coloured targets")
        .isGreaterThan(chance() + 2 * chanceBand());
  }

  /** A copy of the sample whose target pixels carry a colour that encodes the label (8 RGB corners). */
  private static LabelledImage withTargetPainted(LabelledImage s) {
    RgbImage im = new RgbImage(s.image().width(), s.image().height(), s.image().pixels().clone());
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < im.width(); x++) {
        if (s.mask().get(x, y)) {
          for (int c = 0; c < 3; c++) {
            im.set(x, y, c, (s.label() >> c & 1) == 1 ? 224 : 32);
          }
        }
      }
    }
    return new LabelledImage(im, s.objects());
  }

  @Test
  void theTargetStandsOutFromItsSurroundings() {
    long visible = samples.stream().filter(s -> contrastWithRing(s.image(), s.mask(), 2) >= 40).count();
    assertThat(visible).as("samples whose target differs from its 2-pixel surround by 40 or more (RGB)")
        .isGreaterThan((long) (0.95 * samples.size()));
  }

  /** Distance between the mean colour of the mask and that of the pixels within {@code width} of it. */
  static double contrastWithRing(RgbImage image, Mask mask, int width) {
    double[] in = new double[4];
    double[] ring = new double[4];
    for (int y = 0; y < mask.height(); y++) {
      for (int x = 0; x < mask.width(); x++) {
        double[] acc;
        if (mask.get(x, y)) {
          acc = in;
        } else if (nearMask(mask, x, y, width)) {
          acc = ring;
        } else {
          continue;
        }
        for (int c = 0; c < 3; c++) {
          acc[c] += image.get(x, y, c);
        }
        acc[3]++;
      }
    }
    double d2 = 0;
    for (int c = 0; c < 3; c++) {
      double diff = in[c] / in[3] - ring[c] / ring[3];
      d2 += diff * diff;
    }
    return Math.sqrt(d2);
  }

  private static boolean nearMask(Mask mask, int x, int y, int width) {
    for (int dy = -width; dy <= width; dy++) {
      for (int dx = -width; dx <= width; dx++) {
        int nx = x + dx;
        int ny = y + dy;
        if (nx >= 0 && ny >= 0 && nx < mask.width() && ny < mask.height() && mask.get(nx, ny)) {
          return true;
        }
      }
    }
    return false;
  }

  private interface Features {
    double[] of(LabelledImage sample);
  }

  /** Trains class centroids on the first samples, returns the accuracy on the rest. */
  private static double nearestCentroidAccuracy(Features features) {
    int k = DATASET.classCount();
    double[][] centroids = null;
    int[] counts = new int[k];
    for (LabelledImage s : samples.subList(0, TRAIN)) {
      double[] f = features.of(s);
      if (centroids == null) {
        centroids = new double[k][f.length];
      }
      for (int i = 0; i < f.length; i++) {
        centroids[s.label()][i] += f[i];
      }
      counts[s.label()]++;
    }
    for (int c = 0; c < k; c++) {
      for (int i = 0; i < centroids[c].length; i++) {
        centroids[c][i] /= counts[c];
      }
    }
    int correct = 0;
    for (LabelledImage s : samples.subList(TRAIN, TRAIN + TEST)) {
      double[] f = features.of(s);
      int best = -1;
      double bestDistance = Double.MAX_VALUE;
      for (int c = 0; c < k; c++) {
        double d = 0;
        for (int i = 0; i < f.length; i++) {
          d += (f[i] - centroids[c][i]) * (f[i] - centroids[c][i]);
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      if (best == s.label()) {
        correct++;
      }
    }
    return correct / (double) TEST;
  }

  private static double[] meanColour(LabelledImage s) {
    double[] f = new double[3];
    RgbImage im = s.image();
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < im.width(); x++) {
        for (int c = 0; c < 3; c++) {
          f[c] += im.get(x, y, c);
        }
      }
    }
    for (int c = 0; c < 3; c++) {
      f[c] /= im.width() * im.height();
    }
    return f;
  }

  /** Share of pixels in each of 4x4x4 RGB bins. */
  private static double[] colourHistogram(LabelledImage s) {
    double[] f = new double[64];
    RgbImage im = s.image();
    for (int y = 0; y < im.height(); y++) {
      for (int x = 0; x < im.width(); x++) {
        f[(im.get(x, y, 0) >> 6) * 16 + (im.get(x, y, 1) >> 6) * 4 + (im.get(x, y, 2) >> 6)]++;
      }
    }
    for (int i = 0; i < f.length; i++) {
      f[i] /= im.width() * im.height();
    }
    return f;
  }
}
