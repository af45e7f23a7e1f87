package org.gradcam4j.inspect.embed;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Exact nearest neighbours by brute force: every distance is computed. Ties are broken by the lower
 * row, so results are deterministic. Cosine distances use pre-normalised copies of the vectors.
 */
public final class ExactSearch implements NeighbourIndex {
  private final float[][] vectors;
  private final float[][] unit;
  private final Metric metric;

  public ExactSearch(float[][] vectors, Metric metric) {
    this.vectors = vectors;
    this.metric = metric;
    this.unit = metric == Metric.COSINE ? normalised(vectors) : null;
  }

  static float[][] normalised(float[][] v) {
    float[][] u = new float[v.length][];
    for (int i = 0; i < v.length; i++) {
      u[i] = normalised(v[i]);
    }
    return u;
  }

  static float[] normalised(float[] v) {
    double n = 0;
    for (float x : v) {
      n += (double) x * x;
    }
    float[] u = new float[v.length];
    if (n > 0) {
      double s = 1 / Math.sqrt(n);
      for (int j = 0; j < v.length; j++) {
        u[j] = (float) (v[j] * s);
      }
    }
    return u;
  }

  @Override
  public List<Neighbour> query(float[] query, int k) {
    return query(query, k, -1);
  }

  /** As {@link #query(float[], int)}, leaving out row {@code exclude} (a point's own row). */
  public List<Neighbour> query(float[] query, int k, int exclude) {
    int n = vectors.length;
    int kk = Math.min(k, exclude >= 0 ? n - 1 : n);
    if (kk <= 0) {
      return List.of();
    }
    // A bounded max-heap of (distance, row): the worst kept candidate on top.
    double[] hd = new double[kk];
    int[] hi = new int[kk];
    int size = 0;
    float[] q = metric == Metric.COSINE ? normalised(query) : query;
    boolean zeroQuery = metric == Metric.COSINE && isZero(q);
    for (int i = 0; i < n; i++) {
      if (i == exclude) {
        continue;
      }
      double d = distance(q, zeroQuery, i);
      if (size < kk) {
        hd[size] = d;
        hi[size] = i;
        siftUp(hd, hi, size++);
      } else if (d < hd[0]) {
        hd[0] = d;
        hi[0] = i;
        siftDown(hd, hi, size);
      }
    }
    List<Neighbour> out = new ArrayList<>(size);
    for (int j = 0; j < size; j++) {
      out.add(new Neighbour(hi[j], hd[j]));
    }
    out.sort((a, b) -> a.distance() != b.distance() ? Double.compare(a.distance(), b.distance())
        : Integer.compare(a.index(), b.index()));
    return out;
  }

  private double distance(float[] q, boolean zeroQuery, int i) {
    if (metric == Metric.L2) {
      float[] v = vectors[i];
      double s = 0;
      for (int j = 0; j < v.length; j++) {
        double d = q[j] - v[j];
        s += d * d;
      }
      return Math.sqrt(s);
    }
    float[] u = unit[i];
    if (zeroQuery || isZero(u)) {
      return 1.0;
    }
    double dot = 0;
    for (int j = 0; j < u.length; j++) {
      dot += q[j] * u[j];
    }
    return 1.0 - dot;
  }

  private static boolean isZero(float[] v) {
    for (float x : v) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  // (distance, row) ordering: larger distance, then larger row, is "worse" (top of the heap).
  private static boolean worse(double[] d, int[] r, int a, int b) {
    return d[a] > d[b] || (d[a] == d[b] && r[a] > r[b]);
  }

  private static void siftUp(double[] d, int[] r, int i) {
    while (i > 0) {
      int p = (i - 1) / 2;
      if (!worse(d, r, i, p)) {
        return;
      }
      swap(d, r, i, p);
      i = p;
    }
  }

  private static void siftDown(double[] d, int[] r, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      if (l >= size) {
        return;
      }
      int c = l + 1 < size && worse(d, r, l + 1, l) ? l + 1 : l;
      if (!worse(d, r, c, i)) {
        return;
      }
      swap(d, r, i, c);
      i = c;
    }
  }

  private static void swap(double[] d, int[] r, int a, int b) {
    double td = d[a];
    d[a] = d[b];
    d[b] = td;
    int tr = r[a];
    r[a] = r[b];
    r[b] = tr;
  }

  /** The {@code k} nearest other rows of every row, computed in parallel: one list per row. */
  public List<List<Neighbour>> allNeighbours(int k) {
    List<List<Neighbour>> out = new ArrayList<>(java.util.Collections.nCopies(vectors.length, List.of()));
    IntStream.range(0, vectors.length).parallel().forEach(i -> out.set(i, query(vectors[i], k, i)));
    return out;
  }

  @Override
  public Metric metric() {
    return metric;
  }

  @Override
  public int size() {
    return vectors.length;
  }

  @Override
  public String kind() {
    return "exact";
  }
}
