package org.gradcam4j.math;

/**
 * The position of the largest value. Where several values are equal the first wins, and a NaN is never
 * larger than anything, so the result is the same in every caller: top-1 classes, the pointing game,
 * training accuracy.
 */
public final class ArgMax {
  private ArgMax() {}

  /** Index of the first largest value; 0 for an empty array. */
  public static int of(float[] values) {
    return of(values, 0, values.length);
  }

  /** Index into {@code values} of the first largest value among {@code values[from]} to {@code values[to - 1]}. */
  public static int of(float[] values, int from, int to) {
    int arg = from;
    for (int i = from + 1; i < to; i++) {
      if (values[i] > values[arg]) {
        arg = i;
      }
    }
    return arg;
  }
}
