package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Mask;
import org.junit.jupiter.api.Test;

class PointingGameTest {
  private static final int W = 80;
  private static final int H = 60;

  @Test
  void perfectMapsAlwaysHit() {
    PointingGame game = new PointingGame();
    List<PointingGame.Result> results = new ArrayList<>();
    int[][] boxes = {{50, 40, 70, 55}, {0, 0, 3, 3}, {77, 57, 80, 60}, {30, 5, 31, 6}};
    for (int[] b : boxes) {
      boolean[] mask = TestImages.rect(W, H, b[0], b[1], b[2], b[3]);
      results.add(game.evaluate(TestImages.mapOf(mask, W, H, 1f, 0f), new Mask(W, H, mask)));
    }
    assertThat(PointingGame.accuracy(results)).isEqualTo(1.0);
  }

  @Test
  void constantMapPointsAtTheFirstPixel() {
    SaliencyMap flat = SaliencyMap.of(new float[W * H], W, H);
    PointingGame game = new PointingGame();
    // The tie rule points at pixel (0, 0): a hit exactly when the object is within 15 px of it.
    PointingGame.Result near = game.evaluate(flat, GroundTruth.ofBoxes(List.of(
        new AnnotatedObject("a", new Box(10, 10, 20, 20)))));
    assertThat(near.x()).isZero();
    assertThat(near.y()).isZero();
    assertThat(near.hit()).as("(10,10) is 14.1 px from (0,0)").isTrue();
    PointingGame.Result far = game.evaluate(flat, GroundTruth.ofBoxes(List.of(
        new AnnotatedObject("a", new Box(11, 11, 20, 20)))));
    assertThat(far.hit()).as("(11,11) is 15.6 px from (0,0)").isFalse();
    // So over objects placed away from the corner, the constant map's accuracy is 0.
    List<PointingGame.Result> results = new ArrayList<>();
    for (int x = 20; x < 70; x += 10) {
      results.add(game.evaluate(flat, new Mask(W, H, TestImages.rect(W, H, x, 20, x + 8, 40))));
    }
    assertThat(PointingGame.accuracy(results)).isZero();
  }

  @Test
  void firstOfSeveralEqualMaximaInRowMajorOrder() {
    float[] v = new float[W * H];
    v[30 * W + 5] = 1f;
    v[10 * W + 70] = 1f;
    v[10 * W + 75] = 1f;
    assertThat(PointingGame.argmax(SaliencyMap.of(v, W, H))).isEqualTo(10 * W + 70);
  }

  @Test
  void toleranceIsARadiusAroundTheMaximum() {
    boolean[] mask = TestImages.rect(W, H, 40, 30, 50, 40);
    SaliencyMap map = TestImages.bump(W, H, 37, 35, 2); // 3 px left of the object
    assertThat(new PointingGame(0).evaluate(map, new Mask(W, H, mask)).hit()).isFalse();
    assertThat(new PointingGame(2).evaluate(map, new Mask(W, H, mask)).hit()).isFalse();
    assertThat(new PointingGame(3).evaluate(map, new Mask(W, H, mask)).hit()).isTrue();
    assertThat(new PointingGame().evaluate(map, new Mask(W, H, mask)).hit()).isTrue();
    // diagonal: 3 px right and 3 px down of the corner pixel (49, 39) is 4.24 px away
    SaliencyMap diagonal = TestImages.bump(W, H, 52, 42, 1);
    assertThat(new PointingGame(4).evaluate(diagonal, new Mask(W, H, mask)).hit()).isFalse();
    assertThat(new PointingGame(5).evaluate(diagonal, new Mask(W, H, mask)).hit()).isTrue();
  }

  @Test
  void maskIsPreferredToBoxes() {
    // The box covers the maximum, the (tighter) mask does not.
    boolean[] maskPixels = TestImages.rect(W, H, 60, 40, 70, 50);
    GroundTruth truth = new GroundTruth(List.of(new AnnotatedObject("a", new Box(0, 0, 70, 50))),
        Optional.of(new Mask(W, H, maskPixels)));
    SaliencyMap map = TestImages.bump(W, H, 10, 10, 2);
    assertThat(new PointingGame().evaluate(map, truth).hit()).isFalse();
    assertThat(new PointingGame().evaluate(map, GroundTruth.ofBoxes(truth.objects())).hit()).isTrue();
  }
}
