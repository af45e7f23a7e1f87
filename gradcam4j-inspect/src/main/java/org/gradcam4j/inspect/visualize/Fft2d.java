package org.gradcam4j.inspect.visualize;

/**
 * Radix-2 fast Fourier transform of square images whose side is a power of two (the Fourier
 * parameterisation chooses its canvas that way). Unnormalised forward transform
 * {@code X_k = sum_n x_n e^{-2 pi i k n / N}}; the inverse carries the 1/N^2.
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
    double[] rowRe = new double[n];
    double[] rowIm = new double[n];
    for (int y = 0; y < n; y++) {
      System.arraycopy(re, y * n, rowRe, 0, n);
      System.arraycopy(im, y * n, rowIm, 0, n);
      line(rowRe, rowIm, inverse);
      System.arraycopy(rowRe, 0, re, y * n, n);
      System.arraycopy(rowIm, 0, im, y * n, n);
    }
    for (int x = 0; x < n; x++) {
      for (int y = 0; y < n; y++) {
        rowRe[y] = re[y * n + x];
        rowIm[y] = im[y * n + x];
      }
      line(rowRe, rowIm, inverse);
      for (int y = 0; y < n; y++) {
        re[y * n + x] = rowRe[y];
        im[y * n + x] = rowIm[y];
      }
    }
    if (inverse) {
      double s = 1.0 / ((double) n * n);
      for (int i = 0; i < re.length; i++) {
        re[i] *= s;
        im[i] *= s;
      }
    }
  }

  /** Iterative Cooley-Tukey on one line. */
  private void line(double[] re, double[] im, boolean inverse) {
    for (int i = 0; i < n; i++) {
      int j = reversed[i];
      if (j > i) {
        double t = re[i];
        re[i] = re[j];
        re[j] = t;
        t = im[i];
        im[i] = im[j];
        im[j] = t;
      }
    }
    double sign = inverse ? 1 : -1;
    for (int len = 2; len <= n; len <<= 1) {
      int half = len / 2;
      int step = n / len;
      for (int start = 0; start < n; start += len) {
        for (int k = 0; k < half; k++) {
          double wr = cos[k * step];
          double wi = sign * sin[k * step];
          int a = start + k;
          int b = a + half;
          double xr = re[b] * wr - im[b] * wi;
          double xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }
}
