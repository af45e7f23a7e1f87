package org.gradcam4j.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.gradcam4j.runtime.FloatTensor;
import org.junit.jupiter.api.Test;

class NoisyLinearImputerTest {
  private static final NoisyLinearImputer EXACT = new NoisyLinearImputer(0, 1e-10, 10_000);

  @Test
  void singleHoleIsTheWeightedMeanOfItsNeighbours() {
    // 3x3, centre removed; direct neighbours 1, diagonal neighbours 0 -> 4 * 1/6 = 2/3
    float[] img = {0, 1, 0, 1, 9, 1, 0, 1, 0};
    boolean[] removed = new boolean[9];
    removed[4] = true;
    FloatTensor out = EXACT.impute(new FloatTensor(new long[] {1, 3, 3}, img), removed, 0);
    assertThat(out.data()[4]).isCloseTo(2f / 3, within(1e-6f));
    // the kept pixels are untouched
    assertThat(out.data()[1]).isEqualTo(1f);
    assertThat(out.data()[0]).isEqualTo(0f);
  }

  @Test
  void cornerHoleRenormalisesTheWeightsInsideTheImage() {
    // corner (0,0) has neighbours (1,0) and (0,1) at 1/6 and (1,1) at 1/12: total 5/12
    float[] img = {9, 2, 0, 4, 8, 0, 0, 0, 0};
    boolean[] removed = new boolean[9];
    removed[0] = true;
    FloatTensor out = EXACT.impute(new FloatTensor(new long[] {1, 3, 3}, img), removed, 0);
    double expected = (2.0 / 6 + 4.0 / 6 + 8.0 / 12) / (5.0 / 12);
    assertThat((double) out.data()[0]).isCloseTo(expected, within(1e-5));
  }

  @Test
  void constantImageStaysConstantUpToTheNoise() {
    int w = 30;
    int h = 20;
    float[] img = new float[3 * w * h];
    java.util.Arrays.fill(img, 0.3f);
    boolean[] removed = new boolean[w * h];
    SplittableRandom rng = new SplittableRandom(5);
    int count = 0;
    for (int i = 0; i < removed.length; i++) {
      removed[i] = rng.nextDouble() < 0.6;
      count += removed[i] ? 1 : 0;
    }
    FloatTensor tensor = new FloatTensor(new long[] {3, h, w}, img);
    float[] exact = EXACT.impute(tensor, removed, 1).data();
    for (float v : exact) {
      assertThat(v).isCloseTo(0.3f, within(1e-6f));
    }
    double std = 0.01;
    float[] noisy = new NoisyLinearImputer(std, 1e-8, 10_000).impute(tensor, removed, 1).data();
    double sum2 = 0;
    for (int ch = 0; ch < 3; ch++) {
      for (int i = 0; i < w * h; i++) {
        float v = noisy[ch * w * h + i];
        double d = v - 0.3;
        if (removed[i]) {
          assertThat(Math.abs(d)).isLessThan(6 * std);
          sum2 += d * d;
        } else {
          assertThat(v).isEqualTo(0.3f);
        }
      }
    }
    double measured = Math.sqrt(sum2 / (3.0 * count));
    assertThat(measured).isBetween(0.9 * std, 1.1 * std);
  }

  @Test
  void linearRampIsReproducedInTheInterior() {
    int w = 40;
    int h = 30;
    float[] img = new float[2 * w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img[y * w + x] = 0.1f + 0.02f * x + 0.01f * y;
        img[w * h + y * w + x] = 0.9f - 0.015f * x + 0.005f * y;
      }
    }
    // a large irregular hole that does not touch the border
    boolean[] removed = new boolean[w * h];
    for (int y = 3; y < h - 3; y++) {
      for (int x = 4; x < w - 4; x++) {
        removed[y * w + x] = (x + 2 * y) % 7 != 0 || (x > 10 && x < 30);
      }
    }
    float[] out = EXACT.impute(new FloatTensor(new long[] {2, h, w}, img), removed, 0).data();
    for (int i = 0; i < out.length; i++) {
      assertThat(out[i]).as("value %d", i).isCloseTo(img[i], within(1e-4f));
    }
  }

  @Test
  void everythingRemovedGivesZeroPlusNoise() {
    boolean[] all = new boolean[16];
    java.util.Arrays.fill(all, true);
    float[] img = new float[16];
    java.util.Arrays.fill(img, 0.8f);
    float[] out = EXACT.impute(new FloatTensor(new long[] {1, 4, 4}, img), all, 0).data();
    assertThat(out).containsOnly(0f);
  }

  @Test
  void sameSeedSameNoise() {
    float[] img = new float[3 * 64];
    for (int i = 0; i < img.length; i++) {
      img[i] = (i * 37 % 11) / 11f;
    }
    boolean[] removed = new boolean[64];
    for (int i = 0; i < 64; i += 3) {
      removed[i] = true;
    }
    FloatTensor t = new FloatTensor(new long[] {3, 8, 8}, img);
    NoisyLinearImputer imputer = NoisyLinearImputer.withNoise(0.01);
    assertThat(imputer.impute(t, removed, 9).data()).isEqualTo(imputer.impute(t, removed, 9).data());
    assertThat(imputer.impute(t, removed, 9).data()).isNotEqualTo(imputer.impute(t, removed, 10).data());
  }

  @Test
  void agreesWithPlainGaussSeidelIterationOnAnIrregularHole() {
    // Reference: sweep "pixel = weighted mean of in-image neighbours" until nothing changes.
    int w = 48;
    int h = 40;
    float[] img = new float[w * h];
    SplittableRandom rng = new SplittableRandom(3);
    for (int i = 0; i < img.length; i++) {
      img[i] = (float) rng.nextDouble();
    }
    boolean[] removed = new boolean[w * h];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        double dx = x - 30;
        double dy = y - 18;
        removed[y * w + x] = dx * dx + 2 * dy * dy < 300 || (x < 6 && y > 20) || rng.nextDouble() < 0.2;
      }
    }
    NoisyLinearImputer imputer = new NoisyLinearImputer(0, 1e-9, 1000);
    float[] out = imputer.impute(new FloatTensor(new long[] {1, h, w}, img), removed, 0).data();
    assertThat(imputer.lastIterations()).as("multigrid-preconditioned CG iterations").isLessThan(30);
    double[] ref = new double[w * h];
    for (int i = 0; i < ref.length; i++) {
      ref[i] = removed[i] ? 0.5 : img[i];
    }
    int[][] nb = {{-1, -1, 1}, {0, -1, 2}, {1, -1, 1}, {-1, 0, 2}, {1, 0, 2}, {-1, 1, 1}, {0, 1, 2}, {1, 1, 1}};
    for (int sweep = 0; sweep < 20_000; sweep++) {
      double change = 0;
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          if (!removed[y * w + x]) {
            continue;
          }
          double sum = 0;
          double weights = 0;
          for (int[] n : nb) {
            int nx = x + n[0];
            int ny = y + n[1];
            if (nx >= 0 && ny >= 0 && nx < w && ny < h) {
              sum += n[2] * ref[ny * w + nx];
              weights += n[2];
            }
          }
          double next = sum / weights;
          change = Math.max(change, Math.abs(next - ref[y * w + x]));
          ref[y * w + x] = next;
        }
      }
      if (change < 1e-12) {
        break;
      }
    }
    for (int i = 0; i < out.length; i++) {
      assertThat((double) out[i]).as("pixel %d", i).isCloseTo(ref[i], within(1e-5));
    }
  }
}
