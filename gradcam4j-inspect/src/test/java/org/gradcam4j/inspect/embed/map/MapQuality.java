package org.gradcam4j.inspect.embed.map;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.zip.GZIPInputStream;

/** Quality measures of a low-dimensional map, computed by their definitions with brute force. */
final class MapQuality {
  private MapQuality() {}

  /** The digits data: rows of 64 values, and the digit of each. */
  record Digits(float[][] x, int[] y) {}

  static Digits digits() throws IOException {
    List<float[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    try (InputStream in = MapQuality.class.getResourceAsStream("/org/gradcam4j/inspect/embed/digits.csv.gz");
        BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        String[] f = line.split(",");
        float[] v = new float[f.length - 1];
        for (int j = 0; j < v.length; j++) {
          v[j] = Float.parseFloat(f[j]);
        }
        rows.add(v);
        labels.add(Integer.parseInt(f[f.length - 1]));
      }
    }
    return new Digits(rows.toArray(float[][]::new), labels.stream().mapToInt(Integer::intValue).toArray());
  }

  static double sq(float[] a, float[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return s;
  }

  static double sq(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double d = a[j] - b[j];
      s += d * d;
    }
    return s;
  }

  /** Indices of the other points in order of distance (ties by index). */
  static Integer[] order(int i, int n, java.util.function.IntToDoubleFunction dist) {
    Integer[] idx = new Integer[n - 1];
    for (int j = 0, a = 0; j < n; j++) {
      if (j != i) {
        idx[a++] = j;
      }
    }
    double[] d = new double[n];
    for (int j = 0; j < n; j++) {
      d[j] = j == i ? 0 : dist.applyAsDouble(j);
    }
    Arrays.sort(idx, (p, q) -> d[p] != d[q] ? Double.compare(d[p], d[q]) : Integer.compare(p, q));
    return idx;
  }

  /**
   * Trustworthiness (Venna and Kaski 2001), as scikit-learn defines it:
   * T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_i(k)} (r(i, j) - k), where U_i(k) are the
   * k nearest neighbours of i in the map that are not among its k nearest in the input, and r(i, j) is
   * the rank of j among i's neighbours in the input (1 = nearest).
   */
  static double trustworthiness(float[][] x, double[][] y, int k) {
    int n = x.length;
    double penalty = IntStream.range(0, n).parallel().mapToDouble(i -> {
      Integer[] inOrder = order(i, n, j -> sq(x[i], x[j]));
      int[] rank = new int[n];
      for (int r = 0; r < inOrder.length; r++) {
        rank[inOrder[r]] = r + 1;
      }
      Integer[] mapOrder = order(i, n, j -> sq(y[i], y[j]));
      double s = 0;
      for (int a = 0; a < k; a++) {
        int r = rank[mapOrder[a]];
        if (r > k) {
          s += r - k;
        }
      }
      return s;
    }).sum();
    return 1 - 2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
  }

  /** Leave-one-out k-NN classification accuracy in the map (majority vote, ties to the nearer label). */
  static double knnAccuracy(double[][] y, int[] labels, int k) {
    int n = y.length;
    long correct = IntStream.range(0, n).parallel().filter(i -> {
      Integer[] o = order(i, n, j -> sq(y[i], y[j]));
      int max = Arrays.stream(labels).max().orElse(0) + 1;
      int[] votes = new int[max];
      for (int a = 0; a < k; a++) {
        votes[labels[o[a]]]++;
      }
      int best = labels[o[0]];
      for (int l = 0; l < max; l++) {
        if (votes[l] > votes[best]) {
          best = l;
        }
      }
      return best == labels[i];
    }).count();
    return (double) correct / n;
  }
}
