package org.gradcam4j.diagnose.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The pixel-space step and projection on a two-class linear model {@code z_k = w_k . v}, where
 * {@code v} is the pre-processed input. For both losses the input gradient that raises the loss of
 * the predicted class y points along {@code w_other - w_y}, so FGSM moves every 8-bit value by
 * exactly eps times the sign of {@code (w_other - w_y)[plane] / std[plane]}, where the plane is the
 * one the value feeds (BGR here, and one negative std so that a missed chain-rule factor would flip
 * a sign), then clips to 0..255.
 */
class PixelSpaceAttackTest {
  private static final int SIZE = 6;
  private static final int PLANE = SIZE * SIZE;
  private static final Preprocessing BGR = new Preprocessing(0, 0, ChannelOrder.BGR, 255f,
      new float[] {0.4f, 0.5f, 0.6f}, new float[] {0.2f, -0.25f, 0.3f});

  private static float[] gaussian(long seed, int n) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  /** Two logits, row k of {@code w} ([2, 3*SIZE*SIZE], planes in the model's order) for class k. */
  private static Explainer linear(float[] w) {
    return linear(w, new float[2]);
  }

  /** The same with a bias per class. */
  private static Explainer linear(float[] w, float[] bias) {
    var proto = Models.single(17, new long[] {1, 3, SIZE, SIZE}, (b, x) -> {
      String weights = b.initializer("w", new long[] {2, 3 * PLANE}, w);
      String c = b.initializer("c", new long[] {2}, bias);
      String flat = b.node("Flatten").inputs(x).attr("axis", 1L).output();
      return b.node("Gemm").inputs(flat, weights, c).attr("transB", 1L).output();
    });
    return Explainer.of(OnnxModel.of(proto, "linear model"), 1);
  }

  /** An image with values spread over 0..255, the extremes included so that clipping shows. */
  private static RgbImage image(long seed) {
    Random r = new Random(seed);
    byte[] px = new byte[3 * PLANE];
    for (int i = 0; i < px.length; i++) {
      int v = i % 17 == 0 ? 0 : i % 19 == 0 ? 255 : r.nextInt(256);
      px[i] = (byte) v;
    }
    return new RgbImage(SIZE, SIZE, px);
  }

  /** The class the model predicts, computed from the weights by hand. */
  private static int predicted(float[] w, RgbImage image) {
    return predicted(w, image, new float[2]);
  }

  private static int predicted(float[] w, RgbImage image, float[] bias) {
    FloatTensor v = BGR.normalize(image);
    double[] z = {bias[0], bias[1]};
    for (int k = 0; k < 2; k++) {
      for (int q = 0; q < 3 * PLANE; q++) {
        z[k] += w[k * 3 * PLANE + q] * v.data()[q];
      }
    }
    return z[1] > z[0] ? 1 : 0;
  }

  /**
   * x0 + budget * sign(d loss / d pixel), clipped to 0..255, with the derivative of the predicted
   * class's loss written out by hand (a negative budget steps against it).
   */
  private static int[] expectedSignedStep(float[] w, RgbImage image, int budget) {
    int y = predicted(w, image);
    int other = 1 - y;
    int[] out = new int[3 * PLANE];
    for (int i = 0; i < PLANE; i++) {
      for (int rgb = 0; rgb < 3; rgb++) {
        int plane = 2 - rgb; // BGR: red feeds plane 2
        double dz = w[other * 3 * PLANE + plane * PLANE + i] - w[y * 3 * PLANE + plane * PLANE + i];
        double dPixel = dz / (255.0 * BGR.std()[plane]);
        int x0 = image.pixels()[i * 3 + rgb] & 0xff;
        out[i * 3 + rgb] = Math.max(0, Math.min(255, x0 + (int) Math.signum(dPixel) * budget));
      }
    }
    return out;
  }

  private static int[] values(RgbImage image) {
    int[] v = new int[image.pixels().length];
    for (int i = 0; i < v.length; i++) {
      v[i] = image.pixels()[i] & 0xff;
    }
    return v;
  }

  private static List<AttackResult> attack(Explainer explainer, AttackSettings settings, List<RgbImage> images) {
    return new AdversarialAttack(explainer.runtime(), explainer.defaultScoreTensor(), BGR, settings).attack(images);
  }

  @ParameterizedTest
  @EnumSource(AttackLoss.class)
  void fgsmMovesEveryPixelByEpsTimesTheSignOfTheLinearModelsWeightsThroughThePreprocessing(AttackLoss loss) {
    float[] w = gaussian(1, 2 * 3 * PLANE);
    List<RgbImage> images = List.of(image(2), image(3));
    try (Explainer explainer = linear(w)) {
      List<AttackResult> results = attack(explainer, AttackSettings.fgsm(PixelBudget.parse("8/255", "--eps"), -1, loss),
          images);
      for (int i = 0; i < images.size(); i++) {
        assertThat(values(results.get(i).adversarial())).containsExactly(expectedSignedStep(w, images.get(i), 8));
        assertThat(results.get(i).originalClass()).isEqualTo(predicted(w, images.get(i)));
        assertThat(results.get(i).maxChange()).isEqualTo(8);
      }
    }
  }

  @Test
  void pgdStaysInsideTheBallAndTheRoundedBudget() {
    // A linear model's loss gradient keeps its sign, so PGD with a fractional eps ends on the corner
    // of the ball, rounded inwards: x0 + floor(5.5) * sign, clipped.
    float[] w = gaussian(4, 2 * 3 * PLANE);
    RgbImage image = image(5);
    try (Explainer explainer = linear(w)) {
      AttackSettings settings = AttackSettings.pgd(PixelBudget.parse("5.5", "--eps"), 7,
          PixelBudget.parse("2", "--step-size"), -1, AttackLoss.CROSS_ENTROPY);
      AttackResult r = attack(explainer, settings, List.of(image)).get(0);
      assertThat(values(r.adversarial())).containsExactly(expectedSignedStep(w, image, 5));
      assertThat(r.maxChange()).isEqualTo(5);
    }
  }

  @Test
  void stoppingWhenFooledTakesTheFewestStepsThatFoolTheModel() {
    // Along a linear model's path, step k is x0 + k * sign, clipped: brute force finds the first k
    // whose image the model (computed by hand) classifies differently.
    float[] w = gaussian(10, 2 * 3 * PLANE);
    RgbImage image = image(11);
    int y = predicted(w, image);
    int first = -1;
    for (int k = 1; k <= 60 && first < 0; k++) {
      int[] v = expectedSignedStep(w, image, k);
      if (predicted(w, imageOf(v)) != y) {
        first = k;
      }
    }
    assertThat(first).as("the linear model can be fooled within 60 levels").isBetween(2, 60);
    try (Explainer explainer = linear(w)) {
      AttackSettings settings = AttackSettings.pgd(PixelBudget.parse("60", "--eps"), 60,
          PixelBudget.parse("1", "--step-size"), -1, AttackLoss.MARGIN).withStopWhenFooled(true);
      AttackResult r = attack(explainer, settings, List.of(image)).get(0);
      assertThat(r.success()).isTrue();
      assertThat(r.steps()).isEqualTo(first);
      assertThat(values(r.adversarial())).containsExactly(expectedSignedStep(w, image, first));
    }
  }

  private static RgbImage imageOf(int[] values) {
    byte[] px = new byte[values.length];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) values[i];
    }
    return new RgbImage(SIZE, SIZE, px);
  }

  @Test
  void successIsJudgedOnTheRoundedImage() {
    // The bias puts the decision boundary 1.25 levels along the attack's path: the continuous PGD point
    // (1.5 levels out) is past it, the 8-bit image (rounded into floor(1.5) = 1 level) is not, and
    // stepping on from the rounded image cannot get further. The attack must say it failed.
    float[] w = gaussian(12, 2 * 3 * PLANE);
    RgbImage image = midRangeImage(13);
    int y = predicted(w, image, new float[2]);
    double perLevel = 0;
    for (int q = 0; q < 3 * PLANE; q++) {
      int plane = q / PLANE;
      perLevel += Math.abs((w[(1 - y) * 3 * PLANE + q] - w[y * 3 * PLANE + q]) / (255.0 * BGR.std()[plane]));
    }
    double margin = margin(w, image, y);
    float[] bias = new float[2];
    bias[y] = (float) (1.25 * perLevel - margin);
    assertThat(predicted(w, imageOf(expectedSignedStep(w, image, 1)), bias)).isEqualTo(y);
    try (Explainer explainer = linear(w, bias)) {
      AttackSettings settings = AttackSettings.pgd(PixelBudget.parse("1.5", "--eps"), 3,
          PixelBudget.parse("1", "--step-size"), -1, AttackLoss.CROSS_ENTROPY);
      AttackResult r = attack(explainer, settings, List.of(image)).get(0);
      assertThat(values(r.adversarial())).containsExactly(expectedSignedStep(w, image, 1));
      assertThat(r.success()).isFalse();
      assertThat(r.adversarialClass()).isEqualTo(y);
      assertThat(r.steps()).as("3 steps and 3 repair steps").isEqualTo(6);
    }
  }

  /** z_y - z_other at the image, without bias. */
  private static double margin(float[] w, RgbImage image, int y) {
    FloatTensor v = BGR.normalize(image);
    double d = 0;
    for (int q = 0; q < 3 * PLANE; q++) {
      d += (w[y * 3 * PLANE + q] - w[(1 - y) * 3 * PLANE + q]) * v.data()[q];
    }
    return d;
  }

  /** Values 10..245, so that steps of a few levels never clip. */
  private static RgbImage midRangeImage(long seed) {
    Random r = new Random(seed);
    byte[] px = new byte[3 * PLANE];
    for (int i = 0; i < px.length; i++) {
      px[i] = (byte) (10 + r.nextInt(236));
    }
    return new RgbImage(SIZE, SIZE, px);
  }

  @Test
  void aTargetedAttackDescendsTheTargetsLoss() {
    // Targeting the class already predicted moves every value the other way than the untargeted step.
    float[] w = gaussian(6, 2 * 3 * PLANE);
    RgbImage image = image(7);
    int y = predicted(w, image);
    try (Explainer explainer = linear(w)) {
      AttackResult toward = attack(explainer, AttackSettings.fgsm(PixelBudget.parse("3", "--eps"), y,
          AttackLoss.CROSS_ENTROPY), List.of(image)).get(0);
      assertThat(values(toward.adversarial())).containsExactly(expectedSignedStep(w, image, -3));
      assertThat(toward.success()).isTrue();
    }
  }

  @Test
  void wholePixelsGiveExactlyThePreprocessedTensorAndTheGradientIsTheChainRule() {
    RgbImage image = image(8);
    PixelSpace space = new PixelSpace(BGR);
    float[] pixels = PixelSpace.pixels(image);
    assertThat(space.toTensor(pixels, SIZE, SIZE).data()).containsExactly(BGR.normalize(image).data());
    // f(v) = g . v; its pixel gradient by central differences of toTensor.
    float[] g = gaussian(9, 3 * PLANE);
    float[] grad = space.pixelGradient(g, SIZE, SIZE);
    for (int k = 0; k < pixels.length; k += 7) {
      float[] up = pixels.clone();
      float[] down = pixels.clone();
      up[k] += 0.5f;
      down[k] -= 0.5f;
      double fd = (dot(g, space.toTensor(up, SIZE, SIZE).data()) - dot(g, space.toTensor(down, SIZE, SIZE).data()));
      assertThat((double) grad[k]).as("value %d", k).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-3 * (1 + Math.abs(fd))));
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }

  @Test
  void budgetsParseAsFractionsOfTheRangeOrAsLevels() {
    assertThat(PixelBudget.parse("8/255", "--eps").levels()).isEqualTo(8.0);
    assertThat(PixelBudget.parse("8", "--eps").levels()).isEqualTo(8.0);
    assertThat(PixelBudget.parse(" 1/32 ", "--eps").levels()).isEqualTo(255.0 / 32);
    assertThat(PixelBudget.parse("1/32", "--eps").wholeLevels()).isEqualTo(7);
    assertThat(PixelBudget.parse("2.5", "--eps").wholeLevels()).isEqualTo(2);
    assertThatThrownBy(() -> PixelBudget.parse("eight", "--eps")).isInstanceOf(GradCamException.class)
        .hasMessageContaining("--eps").hasMessageContaining("eight");
    assertThatThrownBy(() -> PixelBudget.parse("0", "--eps")).isInstanceOf(GradCamException.class);
    assertThatThrownBy(() -> PixelBudget.parse("300", "--step-size")).isInstanceOf(GradCamException.class)
        .hasMessageContaining("--step-size");
    assertThatThrownBy(() -> PixelBudget.parse("8/0", "--eps")).isInstanceOf(GradCamException.class);
  }
}
