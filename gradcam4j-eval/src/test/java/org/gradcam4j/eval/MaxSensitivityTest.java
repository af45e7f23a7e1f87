package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

/** Max-sensitivity against its definition, evaluated by brute force on the inputs the explainer saw. */
class MaxSensitivityTest {
  private static final int N = 2;
  private static final int C = 2;
  private static final int P = 6;

  private static FloatTensor inputs() {
    Random r = new Random(1);
    float[] v = new float[N * C * P];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) r.nextGaussian();
    }
    return new FloatTensor(new long[] {N, C, 2, 3}, v);
  }

  /** A map that depends on the input non-linearly: per pixel, the squared sum over channels. */
  private static float[] squares(float[] data, int image) {
    float[] map = new float[P];
    for (int p = 0; p < P; p++) {
      double s = 0;
      for (int c = 0; c < C; c++) {
        s += data[image * C * P + c * P + p];
      }
      map[p] = (float) (s * s);
    }
    return map;
  }

  @Test
  void aConstantExplanationHasSensitivityZero() {
    float[] constant = {1, 2, 3, 4, 5, 6};
    MaxSensitivity m = new MaxSensitivity(new MaxSensitivity.Settings(5, 0.5, 16, 0L));
    double[] r = m.evaluate(inputs(), List.of(constant, constant), x -> List.of(constant.clone(), constant.clone()));
    assertThat(r).containsExactly(0.0, 0.0);
  }

  @Test
  void itIsTheLargestRelativeChangeOverThePerturbedInputs() {
    FloatTensor x = inputs();
    double radius = 0.3;
    List<float[]> seen = new ArrayList<>();
    MaxSensitivity m = new MaxSensitivity(new MaxSensitivity.Settings(7, radius, 16, 3L));
    List<float[]> originals = List.of(squares(x.data(), 0), squares(x.data(), 1));
    double[] r = m.evaluate(x, originals, moved -> {
      seen.add(moved.data().clone());
      return List.of(squares(moved.data(), 0), squares(moved.data(), 1));
    });
    assertThat(seen).hasSize(7);
    for (int i = 0; i < N; i++) {
      double norm = 0;
      for (float v : originals.get(i)) {
        norm += v * v;
      }
      norm = Math.sqrt(norm);
      double worst = 0;
      for (float[] moved : seen) {
        for (int q = i * C * P; q < (i + 1) * C * P; q++) {
          assertThat(Math.abs(moved[q] - x.data()[q])).isLessThanOrEqualTo((float) radius + 1e-6f);
        }
        float[] map = squares(moved, i);
        double diff = 0;
        for (int p = 0; p < P; p++) {
          diff += (map[p] - originals.get(i)[p]) * (map[p] - originals.get(i)[p]);
        }
        worst = Math.max(worst, Math.sqrt(diff) / norm);
      }
      assertThat(worst).isGreaterThan(0.01);
      assertThat(r[i]).isCloseTo(worst, within(1e-6 * worst));
    }
    // The perturbations differ from sample to sample.
    assertThat(seen.get(0)).isNotEqualTo(seen.get(1));
  }

  @Test
  void aZeroMapIsDividedByOne() {
    float[] zero = new float[P];
    float[] one = {1, 0, 0, 0, 0, 0};
    MaxSensitivity m = new MaxSensitivity(new MaxSensitivity.Settings(2, 0.1, 16, 0L));
    double[] r = m.evaluate(inputs(), List.of(zero, zero), x -> List.of(one, zero));
    assertThat(r).containsExactly(1.0, 0.0);
  }
}
