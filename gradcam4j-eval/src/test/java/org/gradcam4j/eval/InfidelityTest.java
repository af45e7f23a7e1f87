package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.function.ToDoubleFunction;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.junit.jupiter.api.Test;

/**
 * Infidelity on a linear model {@code f(x) = sum_c sum_p v_p x_cp}, where {@code f(x) - f(x - I) = I .
 * v} exactly: the map {@code v} (the gradient) has infidelity 0, and any other map the value of the
 * definition computed from the perturbations the model actually saw.
 */
class InfidelityTest {
  private static final int W = 6;
  private static final int H = 5;

  private static float[] gaussian(long seed, int n) {
    return GradientCheck.gaussian(seed, n).data();
  }

  private static ToDoubleFunction<float[]> linear(float[] v) {
    return x -> {
      double s = 0;
      for (int i = 0; i < x.length; i++) {
        s += (double) v[i % v.length] * x[i];
      }
      return s;
    };
  }

  private static FloatTensor image() {
    return new FloatTensor(new long[] {3, H, W}, gaussian(1, 3 * H * W));
  }

  private static Infidelity infidelity(boolean normalize, int batchSize) {
    return new Infidelity(new Infidelity.Settings(20, 0.1, normalize, batchSize, 5L));
  }

  @Test
  void theGradientOfALinearModelHasInfidelityZero() {
    float[] v = gaussian(2, H * W);
    for (boolean normalize : new boolean[] {false, true}) {
      double[] r = infidelity(normalize, 7).evaluate(image(), List.of(SaliencyMap.of(v, W, H)), 0,
          new RecordingScorer(linear(v)));
      assertThat(r[0]).as("normalize=" + normalize).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void normalisationForgivesTheScaleOfTheMapAndNothingElse() {
    float[] v = gaussian(2, H * W);
    float[] doubled = new float[v.length];
    for (int p = 0; p < v.length; p++) {
      doubled[p] = 2 * v[p];
    }
    SaliencyMap map = SaliencyMap.of(doubled, W, H);
    assertThat(infidelity(true, 32).evaluate(image(), List.of(map), 0, new RecordingScorer(linear(v)))[0])
        .isCloseTo(0, within(1e-9));
    assertThat(infidelity(false, 32).evaluate(image(), List.of(map), 0, new RecordingScorer(linear(v)))[0])
        .isGreaterThan(1e-3);
  }

  @Test
  void anyMapGetsTheDefinitionsValueOverThePerturbationsTheModelSaw() {
    float[] v = gaussian(2, H * W);
    SaliencyMap wrong = SaliencyMap.of(gaussian(3, H * W), W, H);
    SaliencyMap right = SaliencyMap.of(v, W, H);
    for (boolean normalize : new boolean[] {false, true}) {
      RecordingScorer model = new RecordingScorer(linear(v), true);
      FloatTensor x = image();
      double[] r = infidelity(normalize, 6).evaluate(x, List.of(wrong, right), 4, model);
      // The first image scored is x itself, then x - I for each perturbation I.
      assertThat(model.images).hasSize(21);
      assertThat(model.classesSeen).containsOnly(4);
      double fx = linear(v).applyAsDouble(model.images.get(0));
      double[] a = new double[20];
      double[] d = new double[20];
      for (int s = 0; s < 20; s++) {
        float[] moved = model.images.get(s + 1);
        for (int i = 0; i < moved.length; i++) {
          a[s] += (x.data()[i] - moved[i]) * wrong.values()[i % (H * W)];
        }
        d[s] = fx - linear(v).applyAsDouble(moved);
      }
      double beta = 1;
      if (normalize) {
        double ad = 0;
        double aa = 0;
        for (int s = 0; s < 20; s++) {
          ad += a[s] * d[s];
          aa += a[s] * a[s];
        }
        beta = ad / aa;
      }
      double expected = 0;
      for (int s = 0; s < 20; s++) {
        expected += (beta * a[s] - d[s]) * (beta * a[s] - d[s]) / 20;
      }
      assertThat(r[0]).as("normalize=" + normalize).isCloseTo(expected, within(1e-4 * expected));
      assertThat(r[0]).isGreaterThan(1e-2);
      assertThat(r[1]).isCloseTo(0, within(1e-9));
    }
  }

  @Test
  void theSeedFixesThePerturbations() {
    float[] v = gaussian(2, H * W);
    SaliencyMap wrong = SaliencyMap.of(gaussian(3, H * W), W, H);
    double a = infidelity(false, 4).evaluate(image(), List.of(wrong), 0, new RecordingScorer(linear(v)))[0];
    double b = infidelity(false, 9).evaluate(image(), List.of(wrong), 0, new RecordingScorer(linear(v)))[0];
    double c = new Infidelity(new Infidelity.Settings(20, 0.1, false, 4, 6L)).evaluate(image(), List.of(wrong), 0,
        new RecordingScorer(linear(v)))[0];
    assertThat(b).isEqualTo(a);
    assertThat(c).isNotEqualTo(a);
  }
}
