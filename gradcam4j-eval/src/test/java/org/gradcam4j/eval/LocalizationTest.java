package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.eval.truth.Box;
import org.junit.jupiter.api.Test;

class LocalizationTest {
  private static final int W = 64;
  private static final int H = 48;

  @Test
  void iouOfKnownBoxes() {
    Box a = new Box(0, 0, 10, 10);
    assertThat(a.iou(a)).isEqualTo(1.0);
    // overlap 5x5 = 25, union 100 + 100 - 25
    assertThat(a.iou(new Box(5, 5, 15, 15))).isCloseTo(25.0 / 175, within(1e-12));
    // half of a
    assertThat(a.iou(new Box(0, 0, 10, 5))).isCloseTo(0.5, within(1e-12));
    // touching edges share no area
    assertThat(a.iou(new Box(10, 0, 20, 10))).isZero();
    assertThat(a.iou(new Box(30, 30, 40, 40))).isZero();
    // one inside the other: 4x4 / 10x10
    assertThat(a.iou(new Box(3, 3, 7, 7))).isCloseTo(0.16, within(1e-12));
  }

  @Test
  void mapEqualToTheGroundTruthMaskHasNoError() {
    Localization loc = new Localization();
    List<Localization.Result> results = new ArrayList<>();
    int[][] boxes = {{5, 5, 20, 30}, {30, 10, 60, 40}, {0, 0, 64, 48}, {40, 2, 41, 3}};
    for (int[] b : boxes) {
      boolean[] mask = TestImages.rect(W, H, b[0], b[1], b[2], b[3]);
      Box gt = new Box(b[0], b[1], b[2], b[3]);
      Localization.Result r = loc.evaluate(TestImages.mapOf(mask, W, H, 1f, 0f), List.of(gt));
      assertThat(r.predicted()).contains(gt);
      assertThat(r.bestIou()).isEqualTo(1.0);
      results.add(r);
    }
    assertThat(Localization.top1Error(results, new boolean[] {true, true, true, true})).isZero();
  }

  @Test
  void mapPeakedFarFromTheObjectIsAlwaysWrong() {
    Localization loc = new Localization();
    List<Localization.Result> results = new ArrayList<>();
    Box gt = new Box(2, 2, 14, 14);
    for (int i = 0; i < 5; i++) {
      SaliencyMap far = TestImages.bump(W, H, 50 + i, 38 - i, 3);
      results.add(loc.evaluate(far, List.of(gt)));
    }
    assertThat(results).allSatisfy(r -> assertThat(r.hit()).isFalse());
    assertThat(Localization.top1Error(results, new boolean[] {true, true, true, true, true})).isEqualTo(1.0);
  }

  @Test
  void theRightBoxWithTheWrongClassCountsAsAnError() {
    Box gt = new Box(10, 10, 30, 30);
    Localization.Result r = new Localization().evaluate(
        TestImages.mapOf(TestImages.rect(W, H, 10, 10, 30, 30), W, H, 1f, 0f), List.of(gt));
    assertThat(Localization.top1Error(List.of(r, r), new boolean[] {true, false})).isEqualTo(0.5);
  }

  @Test
  void anyGroundTruthBoxCanBeHit() {
    Box a = new Box(0, 0, 10, 10);
    Box b = new Box(40, 20, 60, 40);
    Localization.Result r = new Localization().evaluate(
        TestImages.mapOf(TestImages.rect(W, H, 40, 20, 60, 40), W, H, 1f, 0f), List.of(a, b));
    assertThat(r.hit()).isTrue();
    assertThat(r.bestIou()).isEqualTo(1.0);
  }

  @Test
  void iouJustBelowOneHalfIsAMiss() {
    // predicted 10x10 box vs ground truth 10x21 containing it: IoU = 100 / 210 < 0.5
    Localization.Result r = new Localization().evaluate(
        TestImages.mapOf(TestImages.rect(W, H, 0, 0, 10, 10), W, H, 1f, 0f), List.of(new Box(0, 0, 10, 21)));
    assertThat(r.bestIou()).isCloseTo(100.0 / 210, within(1e-12));
    assertThat(r.hit()).isFalse();
    // and 10x20 is exactly one half: a hit
    Localization.Result r2 = new Localization().evaluate(
        TestImages.mapOf(TestImages.rect(W, H, 0, 0, 10, 10), W, H, 1f, 0f), List.of(new Box(0, 0, 10, 20)));
    assertThat(r2.hit()).isTrue();
  }

  @Test
  void theLargestSegmentWinsNotTheHighestPeak() {
    float[] v = new float[W * H];
    // small, strong segment: 3x3 at value 1
    for (int y = 2; y < 5; y++) {
      for (int x = 2; x < 5; x++) {
        v[y * W + x] = 1f;
      }
    }
    // large, weaker segment (still above 15 % of the max): 10x8 at 0.5
    for (int y = 30; y < 38; y++) {
      for (int x = 40; x < 50; x++) {
        v[y * W + x] = 0.5f;
      }
    }
    // faint noise below the threshold everywhere else does not join segments
    v[20 * W + 20] = 0.1f;
    assertThat(new Localization().predictBox(SaliencyMap.of(v, W, H))).contains(new Box(40, 30, 50, 38));
  }

  @Test
  void diagonalNeighboursBelongToOneSegment() {
    float[] v = new float[W * H];
    for (int i = 0; i < 10; i++) {
      v[(5 + i) * W + (7 + i)] = 1f;
    }
    v[40 * W + 60] = 1f;
    // 8-connectivity joins the diagonal line into one 10-pixel segment
    assertThat(new Localization().predictBox(SaliencyMap.of(v, W, H))).contains(new Box(7, 5, 17, 15));
  }

  @Test
  void thresholdIsAFractionOfTheMaximum() {
    float[] v = new float[W * H];
    v[0] = 10f;
    v[1] = 2f; // 20 % of the max: above 15 %
    v[2] = 1f; // 10 %: below
    assertThat(new Localization().predictBox(SaliencyMap.of(v, W, H))).contains(new Box(0, 0, 2, 1));
    // at a 25 % threshold only the peak remains
    assertThat(new Localization(0.25, 0.5).predictBox(SaliencyMap.of(v, W, H))).contains(new Box(0, 0, 1, 1));
  }

  @Test
  void mapWithoutPositiveEvidencePredictsNothing() {
    Localization.Result r = new Localization().evaluate(SaliencyMap.of(new float[W * H], W, H),
        List.of(new Box(0, 0, W, H)));
    assertThat(r.predicted()).isEmpty();
    assertThat(r.hit()).isFalse();
  }
}
