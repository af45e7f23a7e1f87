package org.gradcam4j.inspect.activations;

/**
 * The threshold above which a unit's top fraction {@code q} of values lies: the {@code 1 - q} quantile
 * with "lower" interpolation, i.e. NumPy's {@code np.quantile(v, 1 - q, method="lower")}, which is
 * {@code sorted(v)[floor((1 - q) * (n - 1))]}. Found by selection (expected linear time) rather than by
 * sorting; the array is reordered.
 */
public final class UpperQuantile {
  private UpperQuantile() {}

  public static float of(float[] values, int n, double q) {
    if (n == 0) {
      throw new IllegalArgumentException("no values");
    }
    if (!(q > 0 && q < 1)) {
      throw new IllegalArgumentException("the quantile must be between 0 and 1, got " + q);
    }
    int k = (int) Math.floor((1 - q) * (n - 1));
    return select(values, n, k);
  }

  /** The k-th smallest of values[0..n) (Hoare's quickselect with a middle pivot). */
  static float select(float[] a, int n, int k) {
    int lo = 0;
    int hi = n - 1;
    while (lo < hi) {
      float pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] < pivot) {
          i++;
        }
        while (a[j] > pivot) {
          j--;
        }
        if (i <= j) {
          float t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (k <= j) {
        hi = j;
      } else if (k >= i) {
        lo = i;
      } else {
        return a[k];
      }
    }
    return a[k];
  }
}
