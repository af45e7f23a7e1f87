package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OtsuTest {
  @Test
  void separatesTheTwoModesOfABimodalHistogram() {
    SplittableRandom random = new SplittableRandom(3);
    float[] v = new float[3000];
    float lowMax = Float.NEGATIVE_INFINITY;
    float highMin = Float.POSITIVE_INFINITY;
    for (int i = 0; i < v.length; i++) {
      // 2000 values around 0.2, 1000 around 0.7, never overlapping
      boolean high = i % 3 == 0;
      v[i] = (float) ((high ? 0.7 : 0.2) + 0.1 * (random.nextDouble() - 0.5));
      if (high) {
        highMin = Math.min(highMin, v[i]);
      } else {
        lowMax = Math.max(lowMax, v[i]);
      }
    }
    double t = Otsu.threshold(v);
    assertThat(t).isGreaterThan(lowMax).isLessThan(highMin);
  }

  @Test
  void matchesABruteForceSearchOverEveryCutOfEightBitValues() {
    SplittableRandom random = new SplittableRandom(11);
    for (int trial = 0; trial < 20; trial++) {
      // Integer values 0..255 with both ends present: the 256 bins hold one value each.
      float[] v = new float[500];
      for (int i = 0; i < v.length; i++) {
        double mode = random.nextDouble() < 0.4 ? 60 : 170;
        v[i] = (float) Math.max(0, Math.min(255, Math.round(mode + 40 * random.nextGaussian())));
      }
      v[0] = 0;
      v[1] = 255;
      int bestCut = -1;
      double best = -1;
      for (int cut = 0; cut < 255; cut++) {
        double n0 = 0;
        double s0 = 0;
        double n1 = 0;
        double s1 = 0;
        for (float x : v) {
          if (x <= cut) {
            n0++;
            s0 += x;
          } else {
            n1++;
            s1 += x;
          }
        }
        if (n0 == 0 || n1 == 0) {
          continue;
        }
        double between = n0 * n1 * Math.pow(s0 / n0 - s1 / n1, 2);
        if (between > best + 1e-9 * best) {
          best = between;
          bestCut = cut;
        }
      }
      double t = Otsu.threshold(v);
      int bestCutFinal = bestCut;
      for (float x : v) {
        assertThat(x > t).as("value %s against cut %s", x, bestCutFinal).isEqualTo(x > bestCut);
      }
    }
  }

  @Test
  void equalValuesAreAllAboveTheThreshold() {
    float[] v = {0.4f, 0.4f, 0.4f};
    double t = Otsu.threshold(v);
    assertThat(0.4f > t).isTrue();
  }
}
