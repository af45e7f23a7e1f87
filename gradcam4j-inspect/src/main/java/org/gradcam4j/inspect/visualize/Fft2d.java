package org.gradcam4j.inspect.visualize;

/**
 * Radix-2 fast Fourier transform of square images whose side is a power of two (the Fourier
 * parameterisation chooses its canvas that way). Unnormalised forward transform
 * {@code X_k = sum_n x_n e^{-2 pi i k n / N}}; the inverse carries the 1/N^2.
 *
 * <p>Both passes work in place on the row-major planes without copying lines out: the row pass runs
 * each row's butterflies at its offset, and the column pass swaps whole rows for the bit reversal and
 * runs each butterfly across a pair of rows, so its inner loop walks contiguous memory. The twiddle
 * factors are computed once. An instance holds no scratch state and may be shared between threads.
 */
final class Fft2d {
  private final int n;
  private final double[] cos;
  private final double[] sin;
  private final int[] reversed;

  Fft2d(int n) {
    if (n < 2 || Integer.bitCount(n) != 1) {
      throw new IllegalArgumentException("FFT size must be a power of two, got " + n);
    }
    this.n = n;
    cos = new double[n / 2];
    sin = new double[n / 2];
    for (int i = 0; i < n / 2; i++) {
      cos[i] = Math.cos(2 * Math.PI * i / n);
      sin[i] = Math.sin(2 * Math.PI * i / n);
    }
    reversed = new int[n];
    int bits = Integer.numberOfTrailingZeros(n);
    for (int i = 0; i < n; i++) {
      reversed[i] = Integer.reverse(i) >>> (32 - bits);
    }
  }

  int size() {
    return n;
  }

  /** In-place 2-D transform of {@code re + i im} (row-major n x n); {@code inverse} conjugates and scales. */
  void transform(double[] re, double[] im, boolean inverse) {
    transformUnscaled(re, im, inverse);
    if (inverse) {
      double s = 1.0 / ((double) n * n);
      for (int i = 0; i < re.length; i++) {
        re[i] *= s;
        im[i] *= s;
      }
    }
  }

  /** As {@link #transform} but without the inverse's 1/N^2 (the caller folds it in elsewhere). */
  void transformUnscaled(double[] re, double[] im, boolean inverse) {
    double sign = inverse ? 1 : -1;
    for (int y = 0; y < n; y++) {
      row(re, im, y * n, sign);
    }
    columns(re, im, sign);
  }

  /** Iterative Cooley-Tukey on the row starting at {@code off}. */
  private void row(double[] re, double[] im, int off, double sign) {
    for (int i = 0; i < n; i++) {
      int j = reversed[i];
      if (j > i) {
        double t = re[off + i];
        re[off + i] = re[off + j];
        re[off + j] = t;
        t = im[off + i];
        im[off + i] = im[off + j];
        im[off + j] = t;
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      int half = len / 2;
      int step = n / len;
      for (int start = off; start < off + n; start += len) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sign * sin[k * step];
          int a = start + k;
          int b = a + half;
          double br = re[b];
          double bi = im[b];
          double xr = br * wr - bi * wi;
          double xi = br * wi + bi * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  /** Cooley-Tukey down every column at once: each butterfly combines two whole rows. */
  private void columns(double[] re, double[] im, double sign) {
    for (int i = 0; i < n; i++) {
      int j = reversed[i];
      if (j > i) {
        swapRows(re, i, j);
        swapRows(im, i, j);
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      int half = len / 2;
      int step = n / len;
      for (int start = 0; start < n; start += len) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sign * sin[k * step];
          int a = (start + k) * n;
          int b = (start + k + half) * n;
          if (k == 0) {
            for (int x = 0; x < n; x++) {
              double xr = re[b + x];
              double xi = im[b + x];
              re[b + x] = re[a + x] - xr;
              im[b + x] = im[a + x] - xi;
              re[a + x] += xr;
              im[a + x] += xi;
            }
          } else {
            for (int x = 0; x < n; x++) {
              double br = re[b + x];
              double bi = im[b + x];
              double xr = br * wr - bi * wi;
              double xi = br * wi + bi * wr;
              re[b + x] = re[a + x] - xr;
              im[b + x] = im[a + x] - xi;
              re[a + x] += xr;
              im[a + x] += xi;
            }
          }
        }
      }
    }
  }

  private void swapRows(double[] v, int i, int j) {
    int a = i * n;
    int b = j * n;
    for (int x = 0; x < n; x++) {
      double t = v[a + x];
      v[a + x] = v[b + x];
      v[b + x] = t;
    }
  }
}
