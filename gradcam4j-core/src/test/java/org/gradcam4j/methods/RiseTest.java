package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.gradcam4j.Explainer;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

/** RISE: its masks, its reproducibility, and where it looks on a model with known attention. */
class RiseTest {
  @Test
  void masksAreSoftAndAverageToTheKeepProbability() {
    for (float p : new float[] {0.3f, 0.5f}) {
      RiseMasks masks = new RiseMasks(40, 30, 6, p, 17);
      double sum = 0;
      boolean soft = false;
      int count = 400;
      for (int i = 0; i < count; i++) {
        float[] m = masks.next();
        assertThat(m).hasSize(40 * 30);
        for (float v : m) {
          assertThat(v).isBetween(0f, 1f);
          soft |= v > 0.01f && v < 0.99f;
          sum += v;
        }
      }
      assertThat(sum / (count * 40.0 * 30)).isCloseTo(p, org.assertj.core.data.Offset.offset(0.015));
      assertThat(soft).as("bilinear upsampling makes soft edges").isTrue();
    }
  }

  @Test
  void theSameSeedGivesTheSameMapWhateverTheBatchSizeAndAnotherSeedAnotherMap() {
    int size = 16;
    FloatTensor image = image(size, 8);
    try (Explainer explainer = PerturbationModels.topLeftQuadrant(size)) {
      float[] a = run(explainer, image, PerturbationModels.rise(100, 4, 0.5f, 3, 32));
      float[] b = run(explainer, image, PerturbationModels.rise(100, 4, 0.5f, 3, 7));
      float[] c = run(explainer, image, PerturbationModels.rise(100, 4, 0.5f, 4, 32));
      assertThat(b).containsExactly(a, org.assertj.core.data.Offset.offset(1e-5f * max(a)));
      assertThat(maxAbsDifference(a, c)).isGreaterThan(1e-3 * max(a));
    }
  }

  @Test
  void aModelThatOnlySeesTheTopLeftQuadrantGetsItsMaximumThere() {
    int size = 16;
    try (Explainer explainer = PerturbationModels.topLeftQuadrant(size)) {
      float[] map = run(explainer, image(size, 9), PerturbationModels.rise(300, 4, 0.5f, 1, 64));
      int arg = ArgMax.of(map);
      assertThat(arg / size).isLessThan(size / 2);
      assertThat(arg % size).isLessThan(size / 2);
      // Every mask adds p * sum(x) on average everywhere; what stands out is the seen quadrant.
      double[] quadrantMeans = new double[4];
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          quadrantMeans[(y < size / 2 ? 0 : 2) + (x < size / 2 ? 0 : 1)] += map[y * size + x] / (size * size / 4.0);
        }
      }
      assertThat(quadrantMeans[0]).isGreaterThan(Math.max(quadrantMeans[1], Math.max(quadrantMeans[2], quadrantMeans[3])));
    }
  }

  private static float[] run(Explainer explainer, FloatTensor image, MethodOptions options) {
    Explanation e = explainer.explain(image, ExplainRequest.of("rise").withOptions(options)).get(0);
    assertThat(e.inputMap().shape()).containsExactly(image.dim(2), image.dim(3));
    return e.inputMap().data();
  }

  private static FloatTensor image(int size, long seed) {
    Random r = new Random(seed);
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.5f + r.nextFloat();
    }
    return new FloatTensor(new long[] {1, 3, size, size}, v);
  }

  private static float max(float[] v) {
    float m = 0;
    for (float f : v) {
      m = Math.max(m, Math.abs(f));
    }
    return m;
  }

  private static double maxAbsDifference(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }
}
