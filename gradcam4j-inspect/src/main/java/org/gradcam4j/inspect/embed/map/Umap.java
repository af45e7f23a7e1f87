package org.gradcam4j.inspect.embed.map;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.inspect.embed.ExactSearch;
import org.gradcam4j.inspect.embed.Metric;
import org.gradcam4j.inspect.embed.Neighbour;
import org.gradcam4j.inspect.embed.NeighbourIndex;

/**
 * UMAP in two dimensions, after McInnes, Healy and Melville (arXiv:1802.03426), section 3 and
 * appendix: a fuzzy k-nearest-neighbour graph (per point a distance offset rho, the nearest
 * neighbour's distance, and a bandwidth sigma so that the memberships sum to log2 k; symmetrised by
 * fuzzy union {@code a + b - ab}), then stochastic gradient descent on the fuzzy cross-entropy with
 * negative sampling. Differences from umap-learn: the map starts from the first two principal
 * components (scaled to [0, 10]) instead of a spectral layout; the curve parameters a, b are those that
 * umap-learn fits for min_dist 0.1 and spread 1 (a = 1.577, b = 0.895); one thread, seeded, so the
 * result is reproducible. Memory grows as N k; no N x N matrix.
 */
public final class Umap {
  /** Settings: neighbours k, epochs (0: 500 up to 10 000 points, else 200), negative samples per edge. */
  public record Settings(int neighbours, int epochs, int negativeSamples) {
    public static Settings defaults() {
      return new Settings(15, 0, 5);
    }
  }

  static final double A = 1.577;
  static final double B = 0.895;

  private Umap() {}

  /** The 2-D map of the rows of {@code x}: [n][2], exactly one point per row. */
  public static double[][] run(float[][] x, Settings s, long seed, Tsne.Progress progress) {
    int n = x.length;
    if (n < 3) {
      throw new GradCamException("UMAP needs at least 3 points, got " + n);
    }
    int k = Math.min(s.neighbours(), n - 1);
    NeighbourIndex index = NeighbourIndex.build(x, Metric.L2, NeighbourIndex.Kind.AUTO);
    int[][] nbr = new int[n][];
    double[][] dist = new double[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      List<Neighbour> found = index instanceof ExactSearch e ? e.query(x[i], k, i)
          : index.query(x[i], k + 1).stream().filter(nb -> nb.index() != i).limit(k).toList();
      nbr[i] = found.stream().mapToInt(Neighbour::index).toArray();
      dist[i] = found.stream().mapToDouble(Neighbour::distance).toArray();
    });
    // Directed memberships, then the fuzzy union.
    Map<Long, Double> directed = new HashMap<>();
    double target = Math.log(k) / Math.log(2);
    for (int i = 0; i < n; i++) {
      double[] w = memberships(dist[i], target);
      for (int a = 0; a < nbr[i].length; a++) {
        directed.put((long) i * n + nbr[i][a], w[a]);
      }
    }
    Map<Long, Double> union = new HashMap<>();
    for (Map.Entry<Long, Double> e : directed.entrySet()) {
      int i = (int) (e.getKey() / n);
      int j = (int) (e.getKey() % n);
      long key = (long) Math.min(i, j) * n + Math.max(i, j);
      if (union.containsKey(key)) {
        continue;
      }
      double a = e.getValue();
      double b = directed.getOrDefault((long) j * n + i, 0.0);
      union.put(key, a + b - a * b);
    }
    int edges = union.size();
    int[] head = new int[edges];
    int[] tail = new int[edges];
    double[] weight = new double[edges];
    long[] keys = union.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
    double maxW = 0;
    for (int e = 0; e < edges; e++) {
      head[e] = (int) (keys[e] / n);
      tail[e] = (int) (keys[e] % n);
      weight[e] = union.get(keys[e]);
      maxW = Math.max(maxW, weight[e]);
    }
    int epochs = s.epochs() > 0 ? s.epochs() : n <= 10_000 ? 500 : 200;
    double[] y = initialMap(x);
    optimise(y, head, tail, weight, maxW, n, epochs, s.negativeSamples(), seed, progress);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      out[i][0] = y[2 * i];
      out[i][1] = y[2 * i + 1];
    }
    return out;
  }

  /** exp(-(d - rho) / sigma) with rho the smallest distance and sigma found by bisection so they sum to {@code target}. */
  static double[] memberships(double[] d, double target) {
    int m = d.length;
    double[] w = new double[m];
    if (m == 0) {
      return w;
    }
    double rho = Double.MAX_VALUE;
    for (double v : d) {
      if (v > 0) {
        rho = Math.min(rho, v);
      }
    }
    if (rho == Double.MAX_VALUE) {
      rho = 0;
    }
    double lo = 0;
    double hi = Double.POSITIVE_INFINITY;
    double sigma = 1;
    for (int it = 0; it < 64; it++) {
      double sum = 0;
      for (double v : d) {
        sum += Math.exp(-Math.max(0, v - rho) / sigma);
      }
      if (Math.abs(sum - target) < 1e-5) {
        break;
      }
      if (sum > target) {
        hi = sigma;
        sigma = (lo + hi) / 2;
      } else {
        lo = sigma;
        sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
      }
    }
    for (int a = 0; a < m; a++) {
      w[a] = Math.exp(-Math.max(0, d[a] - rho) / sigma);
    }
    return w;
  }

  /** The first two principal components, scaled into [0, 10]. */
  static double[] initialMap(float[][] x) {
    int n = x.length;
    double[][] pc = Pca.fit(x, 2).transform(x);
    double[] y = new double[2 * n];
    for (int c = 0; c < 2; c++) {
      double min = Double.MAX_VALUE;
      double max = -Double.MAX_VALUE;
      for (double[] r : pc) {
        double v = c < r.length ? r[c] : 0;
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      double span = max > min ? max - min : 1;
      for (int i = 0; i < n; i++) {
        double v = c < pc[i].length ? pc[i][c] : 0;
        y[2 * i + c] = 10 * (v - min) / span;
      }
    }
    return y;
  }

  private static double clip(double v) {
    return Math.max(-4, Math.min(4, v));
  }

  static void optimise(double[] y, int[] head, int[] tail, double[] weight, double maxW, int n, int epochs,
      int negatives, long seed, Tsne.Progress progress) {
    int edges = head.length;
    double[] perSample = new double[edges];
    double[] next = new double[edges];
    double[] perNegative = new double[edges];
    double[] nextNegative = new double[edges];
    for (int e = 0; e < edges; e++) {
      perSample[e] = weight[e] > 0 ? maxW / weight[e] : Double.POSITIVE_INFINITY;
      next[e] = perSample[e];
      perNegative[e] = perSample[e] / negatives;
      nextNegative[e] = perNegative[e];
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    SplittableRandom jitter = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int i = 0; i < y.length; i++) {
      y[i] += (jitter.nextDouble() - 0.5) * 1e-4;
    }
    for (int epoch = 1; epoch <= epochs; epoch++) {
      double alpha = 1.0 - (epoch - 1.0) / epochs;
      for (int e = 0; e < edges; e++) {
        if (next[e] > epoch) {
          continue;
        }
        // Both directions of the undirected edge.
        for (int dir = 0; dir < 2; dir++) {
          int i = dir == 0 ? head[e] : tail[e];
          int j = dir == 0 ? tail[e] : head[e];
          double d0 = y[2 * i] - y[2 * j];
          double d1 = y[2 * i + 1] - y[2 * j + 1];
          double d2 = d0 * d0 + d1 * d1;
          if (d2 > 0) {
            double coeff = -2 * A * B * Math.pow(d2, B - 1) / (1 + A * Math.pow(d2, B));
            double g0 = clip(coeff * d0) * alpha;
            double g1 = clip(coeff * d1) * alpha;
            y[2 * i] += g0;
            y[2 * i + 1] += g1;
            y[2 * j] -= g0;
            y[2 * j + 1] -= g1;
          }
          int samples = (int) ((epoch - nextNegative[e]) / perNegative[e]) + 1;
          for (int p = 0; p < samples; p++) {
            int m = rnd.nextInt(n);
            if (m == i) {
              continue;
            }
            double e0 = y[2 * i] - y[2 * m];
            double e1 = y[2 * i + 1] - y[2 * m + 1];
            double q2 = e0 * e0 + e1 * e1;
            double coeff = 2 * B / ((0.001 + q2) * (1 + A * Math.pow(q2, B)));
            y[2 * i] += (q2 > 0 ? clip(coeff * e0) : 4) * alpha;
            y[2 * i + 1] += (q2 > 0 ? clip(coeff * e1) : 4) * alpha;
          }
        }
        nextNegative[e] += ((int) ((epoch - nextNegative[e]) / perNegative[e]) + 1) * perNegative[e];
        next[e] += perSample[e];
      }
      if (progress != null) {
        progress.advanced(epoch, epochs);
      }
    }
  }
}
