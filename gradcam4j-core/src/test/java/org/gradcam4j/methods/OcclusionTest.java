package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.junit.jupiter.api.Test;

/**
 * Occlusion on a linear model {@code y = sum w x}, where occluding a window with fill {@code f} drops
 * the score by exactly {@code sum_window w (x - f)}.
 */
class OcclusionTest {
  private static float[] gaussian(long seed, int n) {
    Random r = new Random(seed);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return v;
  }

  @Test
  void nonOverlappingWindowsGiveEachPixelTheDropOfItsTile() {
    int size = 8;
    float[] w = gaussian(1, 3 * size * size);
    FloatTensor image = new FloatTensor(new long[] {1, 3, size, size}, gaussian(2, 3 * size * size));
    try (Explainer explainer = PerturbationModels.linear(size, w)) {
      Explanation e = explainer.explain(image, ExplainRequest.of("occlusion").withTarget(Target.classIndex(0))
          .withOptions(PerturbationModels.occlusion(4, 4, 0.5f))).get(0);
      assertThat(e.inputMap().shape()).containsExactly(size, size);
      assertThat(e.lowRes()).isNull();
      for (int y = 0; y < size; y++) {
        for (int x = 0; x < size; x++) {
          double drop = 0;
          int ty = y / 4 * 4;
          int tx = x / 4 * 4;
          for (int c = 0; c < 3; c++) {
            for (int yy = ty; yy < ty + 4; yy++) {
              for (int xx = tx; xx < tx + 4; xx++) {
                int q = c * size * size + yy * size + xx;
                drop += w[q] * (image.data()[q] - 0.5);
              }
            }
          }
          assertThat((double) e.inputMap().data()[y * size + x]).isCloseTo(drop, org.assertj.core.data.Offset.offset(1e-4));
        }
      }
    }
  }

  @Test
  void overlappingWindowsAreAveragedAndTheLastOneIsCutAtTheEdge() {
    // 9 pixels, window 4, stride 3: windows start at 0, 3 and 6; the last covers 6..8 only.
    int size = 9;
    float[] w = gaussian(3, 3 * size * size);
    FloatTensor image = new FloatTensor(new long[] {1, 3, size, size}, gaussian(4, 3 * size * size));
    try (Explainer explainer = PerturbationModels.linear(size, w)) {
      Explanation e = explainer.explain(image, ExplainRequest.of("occlusion").withTarget(Target.classIndex(0))
          .withOptions(PerturbationModels.occlusion(4, 3, -1f).withBatchSize(5))).get(0);
      int[] starts = {0, 3, 6};
      double[] sum = new double[size * size];
      int[] count = new int[size * size];
      for (int wy : starts) {
        for (int wx : starts) {
          double drop = 0;
          for (int c = 0; c < 3; c++) {
            for (int y = wy; y < Math.min(size, wy + 4); y++) {
              for (int x = wx; x < Math.min(size, wx + 4); x++) {
                int q = c * size * size + y * size + x;
                drop += w[q] * (image.data()[q] + 1);
              }
            }
          }
          for (int y = wy; y < Math.min(size, wy + 4); y++) {
            for (int x = wx; x < Math.min(size, wx + 4); x++) {
              sum[y * size + x] += drop;
              count[y * size + x]++;
            }
          }
        }
      }
      for (int p = 0; p < size * size; p++) {
        assertThat((double) e.inputMap().data()[p]).isCloseTo(sum[p] / count[p], org.assertj.core.data.Offset.offset(1e-4));
      }
    }
  }

  @Test
  void aModelThatOnlySeesTheTopLeftQuadrantGetsItsMaximumThere() {
    int size = 16;
    Random r = new Random(5);
    float[] v = new float[3 * size * size];
    for (int i = 0; i < v.length; i++) {
      v[i] = 0.5f + r.nextFloat();
    }
    try (Explainer explainer = PerturbationModels.topLeftQuadrant(size)) {
      Explanation e = explainer.explain(new FloatTensor(new long[] {1, 3, size, size}, v),
          ExplainRequest.of("occlusion").withOptions(PerturbationModels.occlusion(4, 2, 0f))).get(0);
      int arg = ArgMax.of(e.inputMap().data());
      assertThat(arg / size).isLessThan(size / 2);
      assertThat(arg % size).isLessThan(size / 2);
      // Pixels that no window over the quadrant reaches get nothing.
      assertThat((double) e.inputMap().data()[(size - 1) * size + size - 1]).isCloseTo(0, org.assertj.core.data.Offset.offset(1e-4));
    }
  }

  @Test
  void aStrideLargerThanTheWindowIsRefused() {
    try (Explainer explainer = PerturbationModels.linear(8, new float[3 * 64])) {
      assertThatThrownBy(() -> explainer.explain(FloatTensor.zeros(1, 3, 8, 8),
          ExplainRequest.of("occlusion").withOptions(PerturbationModels.occlusion(2, 3, 0f))))
          .isInstanceOf(GradCamException.class).hasMessageContaining("stride");
    }
  }
}
