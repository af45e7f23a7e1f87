package org.gradcam4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ranks pixels by relevance for the perturbation metrics (deletion/insertion, ROAD).
 *
 * <p>Ties are broken in a random but seeded order. Breaking them by pixel index instead would make a
 * flat region (or a constant map) remove whole rows from the top of the image first, a spatial bias
 * that changes the scores; ROAD's reference code adds tiny random noise to the map for the same
 * reason. With the same seed the order is the same on every run.
 */
public final class PixelOrder {
  private PixelOrder() {}

  /**
   * Pixel indices sorted by decreasing value (most relevant first); equal values in an order drawn
   * from {@code seed}. The values must not be NaN.
   */
  public static int[] mostRelevantFirst(float[] values, long seed) {
    int n = values.length;
    int[] shuffled = new int[n];
    for (int i = 0; i < n; i++) {
      shuffled[i] = i;
    }
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    // One primitive sort of packed keys: high half = order-preserving bits of -value (ascending sort
    // then means decreasing value), low half = position in the shuffled list (the tie-break).
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      keys[k] = ((long) sortableBits(-values[shuffled[k]]) << 32) | k;
    }
    Arrays.sort(keys);
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = shuffled[(int) keys[k]];
    }
    return order;
  }

  /** An int whose signed order is the numeric order of {@code f} (with -0 equal to +0). */
  static int sortableBits(float f) {
    int bits = Float.floatToIntBits(f == 0f ? 0f : f);
    return bits >= 0 ? bits : bits ^ 0x7fffffff;
  }
}
