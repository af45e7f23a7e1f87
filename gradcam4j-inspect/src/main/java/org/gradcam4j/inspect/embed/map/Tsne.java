package org.gradcam4j.inspect.embed.map;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.inspect.embed.ExactSearch;
import org.gradcam4j.inspect.embed.Metric;
import org.gradcam4j.inspect.embed.Neighbour;
import org.gradcam4j.inspect.embed.NeighbourIndex;

/**
 * Barnes-Hut t-SNE (van der Maaten, "Accelerating t-SNE using tree-based algorithms", JMLR 2014), in
 * two dimensions. Memory and time grow as N log N; no N x N matrix is ever formed:
 * <ol>
 *   <li>Inputs of more than 50 dimensions are first reduced to 50 by PCA.</li>
 *   <li>Input similarities use only the {@code 3 * perplexity} nearest neighbours of each point
 *       (squared Euclidean distances; exact search, or HNSW above
 *       {@link NeighbourIndex#HNSW_THRESHOLD} points); each point's Gaussian bandwidth is found by
 *       bisection to match the perplexity; P is symmetrised and normalised to sum 1 (sparse).</li>
 *   <li>The map starts from the first two principal components, scaled to a standard deviation of
 *       1e-4 (as scikit-learn's {@code init='pca'}).</li>
 *   <li>Gradient descent with momentum (0.5, then 0.8) and per-coordinate gains; early exaggeration 12
 *       for the first 250 iterations; learning rate {@code max(N / 12 / 4, 50)} unless given.</li>
 *   <li>Attractive forces over the sparse P; repulsive forces by a quadtree, a cell standing for all its
 *       points when its width divided by its distance is below {@code theta} (0.5).</li>
 * </ol>
 */
public final class Tsne {
  /** Settings; {@link #defaults()} matches scikit-learn's defaults. */
  public record Settings(double perplexity, int iterations, double theta, double learningRate,
      double exaggeration, int exaggerationIterations) {
    public static Settings defaults() {
      return new Settings(30, 1000, 0.5, 0, 12, 250);
    }

    public Settings withPerplexity(double p) {
      return new Settings(p, iterations, theta, learningRate, exaggeration, exaggerationIterations);
    }

    public Settings withIterations(int n) {
      return new Settings(perplexity, n, theta, learningRate, exaggeration, exaggerationIterations);
    }
  }

  /** Hears the iterations go by. */
  public interface Progress {
    void advanced(int done, int total);
  }

  private static final int PCA_DIMENSIONS = 50;

  private Tsne() {}

  /** The 2-D map of the rows of {@code x}: [n][2]. */
  public static double[][] run(float[][] x, Settings s, Progress progress) {
    int n = x.length;
    if (n < 4) {
      throw new GradCamException("t-SNE needs at least 4 points, got " + n);
    }
    float[][] data = x[0].length > PCA_DIMENSIONS ? Pca.reduce(x, PCA_DIMENSIONS) : x;
    double perplexity = Math.min(s.perplexity(), (n - 1) / 3.0);
    int k = Math.min(n - 1, (int) Math.floor(3 * perplexity));
    SparseP p = similarities(data, perplexity, k);
    double[] y = initialMap(data);
    optimise(p, y, n, s, progress);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      out[i][0] = y[2 * i];
      out[i][1] = y[2 * i + 1];
    }
    return out;
  }

  /** Symmetric joint probabilities in compressed rows. */
  record SparseP(int[] rowStart, int[] cols, double[] vals) {}

  static SparseP similarities(float[][] x, double perplexity, int k) {
    int n = x.length;
    NeighbourIndex index = NeighbourIndex.build(x, Metric.L2, NeighbourIndex.Kind.AUTO);
    int[][] nbr = new int[n][];
    double[][] cond = new double[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      List<Neighbour> found = index instanceof ExactSearch e ? e.query(x[i], k, i)
          : index.query(x[i], k + 1).stream().filter(nb -> nb.index() != i).limit(k).toList();
      int[] js = new int[found.size()];
      double[] d2 = new double[found.size()];
      for (int a = 0; a < js.length; a++) {
        js[a] = found.get(a).index();
        d2[a] = found.get(a).distance() * found.get(a).distance();
      }
      nbr[i] = js;
      cond[i] = conditional(d2, perplexity);
    });
    // Symmetrise: P_ij = (p_j|i + p_i|j) / 2N, merged per row.
    int[] count = new int[n];
    for (int i = 0; i < n; i++) {
      count[i] += nbr[i].length;
      for (int j : nbr[i]) {
        count[j]++;
      }
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + count[i];
    }
    int[] cols = new int[start[n]];
    double[] vals = new double[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int i = 0; i < n; i++) {
      for (int a = 0; a < nbr[i].length; a++) {
        int j = nbr[i][a];
        double v = cond[i][a];
        cols[fill[i]] = j;
        vals[fill[i]++] = v;
        cols[fill[j]] = i;
        vals[fill[j]++] = v;
      }
    }
    // Sort each row by column and merge duplicates.
    int[] mStart = new int[n + 1];
    int[][] rowCols = new int[n][];
    double[][] rowVals = new double[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      int len = start[i + 1] - start[i];
      long[] keyed = new long[len];
      for (int a = 0; a < len; a++) {
        keyed[a] = ((long) cols[start[i] + a] << 32) | a;
      }
      Arrays.sort(keyed);
      int[] c = new int[len];
      double[] v = new double[len];
      int m = -1;
      for (long kv : keyed) {
        int col = (int) (kv >>> 32);
        double val = vals[start[i] + (int) (kv & 0xffffffffL)];
        if (m >= 0 && c[m] == col) {
          v[m] += val;
        } else {
          c[++m] = col;
          v[m] = val;
        }
      }
      rowCols[i] = Arrays.copyOf(c, m + 1);
      rowVals[i] = Arrays.copyOf(v, m + 1);
    });
    double total = 0;
    for (int i = 0; i < n; i++) {
      mStart[i + 1] = mStart[i] + rowCols[i].length;
      for (double v : rowVals[i]) {
        total += v;
      }
    }
    int[] mc = new int[mStart[n]];
    double[] mv = new double[mStart[n]];
    for (int i = 0; i < n; i++) {
      System.arraycopy(rowCols[i], 0, mc, mStart[i], rowCols[i].length);
      for (int a = 0; a < rowVals[i].length; a++) {
        mv[mStart[i] + a] = rowVals[i][a] / total;
      }
    }
    return new SparseP(mStart, mc, mv);
  }

  /** p_j|i over the neighbours (squared distances {@code d2}), with the bandwidth that gives this perplexity. */
  static double[] conditional(double[] d2, double perplexity) {
    int m = d2.length;
    double[] p = new double[m];
    if (m == 0) {
      return p;
    }
    double target = Math.log(perplexity);
    double beta = 1;
    double lo = Double.NEGATIVE_INFINITY;
    double hi = Double.POSITIVE_INFINITY;
    double dmin = Double.MAX_VALUE;
    for (double v : d2) {
      dmin = Math.min(dmin, v);
    }
    for (int it = 0; it < 200; it++) {
      double sum = 0;
      double sumDP = 0;
      for (int a = 0; a < m; a++) {
        p[a] = Math.exp(-(d2[a] - dmin) * beta); // shifted for range; cancels in the normalisation
        sum += p[a];
        sumDP += (d2[a] - dmin) * p[a];
      }
      double entropy = Math.log(sum) + beta * sumDP / sum;
      for (int a = 0; a < m; a++) {
        p[a] /= sum;
      }
      double diff = entropy - target;
      if (Math.abs(diff) < 1e-5) {
        break;
      }
      if (diff > 0) {
        lo = beta;
        beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
      }
    }
    return p;
  }

  /** First two principal components, scaled so that the first has standard deviation 1e-4. */
  static double[] initialMap(float[][] x) {
    int n = x.length;
    double[][] pc = Pca.fit(x, 2).transform(x);
    double mean = 0;
    for (double[] r : pc) {
      mean += r[0];
    }
    mean /= n;
    double var = 0;
    for (double[] r : pc) {
      var += (r[0] - mean) * (r[0] - mean);
    }
    double sd = Math.sqrt(var / n);
    double scale = sd > 0 ? 1e-4 / sd : 1;
    double[] y = new double[2 * n];
    for (int i = 0; i < n; i++) {
      y[2 * i] = pc[i][0] * scale;
      y[2 * i + 1] = (pc[i].length > 1 ? pc[i][1] : 0) * scale;
    }
    return y;
  }

  static void optimise(SparseP p, double[] y, int n, Settings s, Progress progress) {
    double lr = s.learningRate() > 0 ? s.learningRate() : Math.max(n / s.exaggeration() / 4, 50);
    double[] gains = new double[2 * n];
    Arrays.fill(gains, 1);
    double[] update = new double[2 * n];
    double[] grad = new double[2 * n];
    double[] sumQ = new double[n];
    for (int it = 0; it < s.iterations(); it++) {
      boolean early = it < s.exaggerationIterations();
      double exaggeration = early ? s.exaggeration() : 1;
      double momentum = early ? 0.5 : 0.8;
      QuadTree tree = new QuadTree(y, n);
      double[] rep = new double[2 * n];
      IntStream.range(0, n).parallel().forEach(i -> sumQ[i] = tree.repulsion(i, s.theta(), rep));
      double z = 0;
      for (double q : sumQ) {
        z += q;
      }
      double invZ = 1 / z;
      IntStream.range(0, n).parallel().forEach(i -> {
        double yi0 = y[2 * i];
        double yi1 = y[2 * i + 1];
        double a0 = 0;
        double a1 = 0;
        for (int e = p.rowStart()[i]; e < p.rowStart()[i + 1]; e++) {
          int j = p.cols()[e];
          double d0 = yi0 - y[2 * j];
          double d1 = yi1 - y[2 * j + 1];
          double w = p.vals()[e] / (1 + d0 * d0 + d1 * d1);
          a0 += w * d0;
          a1 += w * d1;
        }
        grad[2 * i] = 4 * (exaggeration * a0 - rep[2 * i] * invZ);
        grad[2 * i + 1] = 4 * (exaggeration * a1 - rep[2 * i + 1] * invZ);
      });
      for (int c = 0; c < 2 * n; c++) {
        boolean sameSign = (grad[c] > 0) == (update[c] > 0);
        gains[c] = sameSign ? Math.max(gains[c] * 0.8, 0.01) : gains[c] + 0.2;
        update[c] = momentum * update[c] - lr * gains[c] * grad[c];
        y[c] += update[c];
      }
      double m0 = 0;
      double m1 = 0;
      for (int i = 0; i < n; i++) {
        m0 += y[2 * i];
        m1 += y[2 * i + 1];
      }
      m0 /= n;
      m1 /= n;
      for (int i = 0; i < n; i++) {
        y[2 * i] -= m0;
        y[2 * i + 1] -= m1;
      }
      if (progress != null) {
        progress.advanced(it + 1, s.iterations());
      }
    }
  }

  /**
   * A quadtree over the map, built by recursive partition of a permutation of the points. Each node
   * knows its points' range in the permutation, count, centre of mass and width.
   */
  static final class QuadTree {
    private static final int MAX_DEPTH = 40;
    private final double[] y;
    private final int[] perm;
    // Node arrays (grown as needed).
    private int[] from;
    private int[] to;
    private int[] firstChild; // -1 for a leaf; else the index of the first of its (up to 4) children
    private int[] childCount;
    private double[] cx;
    private double[] cy;
    private double[] width;
    private int nodes;

    QuadTree(double[] y, int n) {
      this.y = y;
      this.perm = new int[n];
      for (int i = 0; i < n; i++) {
        perm[i] = i;
      }
      int cap = 4 * n + 16;
      from = new int[cap];
      to = new int[cap];
      firstChild = new int[cap];
      childCount = new int[cap];
      cx = new double[cap];
      cy = new double[cap];
      width = new double[cap];
      double minX = Double.MAX_VALUE;
      double minY = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      for (int i = 0; i < n; i++) {
        minX = Math.min(minX, y[2 * i]);
        maxX = Math.max(maxX, y[2 * i]);
        minY = Math.min(minY, y[2 * i + 1]);
        maxY = Math.max(maxY, y[2 * i + 1]);
      }
      double side = Math.max(maxX - minX, maxY - minY) * (1 + 1e-9) + 1e-12;
      nodes = 1;
      build(0, 0, n, minX, minY, side, 0);
    }

    private void ensure(int extra) {
      if (nodes + extra <= from.length) {
        return;
      }
      int cap = Math.max(from.length * 2, nodes + extra);
      from = Arrays.copyOf(from, cap);
      to = Arrays.copyOf(to, cap);
      firstChild = Arrays.copyOf(firstChild, cap);
      childCount = Arrays.copyOf(childCount, cap);
      cx = Arrays.copyOf(cx, cap);
      cy = Arrays.copyOf(cy, cap);
      width = Arrays.copyOf(width, cap);
    }

    private void build(int node, int lo, int hi, double x0, double y0, double side, int depth) {
      from[node] = lo;
      to[node] = hi;
      width[node] = side;
      double sx = 0;
      double sy = 0;
      for (int a = lo; a < hi; a++) {
        sx += y[2 * perm[a]];
        sy += y[2 * perm[a] + 1];
      }
      cx[node] = sx / (hi - lo);
      cy[node] = sy / (hi - lo);
      firstChild[node] = -1;
      childCount[node] = 0;
      if (hi - lo <= 1 || depth >= MAX_DEPTH) {
        return;
      }
      double half = side / 2;
      double mx = x0 + half;
      double my = y0 + half;
      // Partition into quadrants: (x < mx, y < my), (x >= mx, y < my), (x < mx, y >= my), (x >= mx, y >= my).
      int split = partition(lo, hi, 1, my);
      int q0 = partition(lo, split, 0, mx);
      int q2 = partition(split, hi, 0, mx);
      int[] bounds = {lo, q0, split, q2, hi};
      int kids = 0;
      for (int q = 0; q < 4; q++) {
        if (bounds[q + 1] > bounds[q]) {
          kids++;
        }
      }
      ensure(kids);
      int first = nodes;
      nodes += kids;
      firstChild[node] = first;
      childCount[node] = kids;
      int c = first;
      for (int q = 0; q < 4; q++) {
        if (bounds[q + 1] > bounds[q]) {
          build(c++, bounds[q], bounds[q + 1], (q & 1) == 0 ? x0 : mx, (q & 2) == 0 ? y0 : my, half, depth + 1);
        }
      }
    }

    /** Moves points with coordinate {@code axis} below {@code cut} to the front; returns the boundary. */
    private int partition(int lo, int hi, int axis, double cut) {
      int i = lo;
      int j = hi - 1;
      while (i <= j) {
        if (y[2 * perm[i] + axis] < cut) {
          i++;
        } else {
          int t = perm[i];
          perm[i] = perm[j];
          perm[j] = t;
          j--;
        }
      }
      return i;
    }

    /**
     * Adds point {@code i}'s unnormalised repulsive force, sum_j q_ij^2 Z^2 (y_i - y_j), into
     * {@code rep} and returns sum_j q_ij Z = sum_j 1 / (1 + |y_i - y_j|^2), over j != i.
     */
    double repulsion(int i, double theta, double[] rep) {
      double yi0 = y[2 * i];
      double yi1 = y[2 * i + 1];
      double sum = 0;
      double f0 = 0;
      double f1 = 0;
      int[] stack = new int[64 * 4 + 8];
      int top = 0;
      stack[top++] = 0;
      while (top > 0) {
        int node = stack[--top];
        int count = to[node] - from[node];
        double d0 = yi0 - cx[node];
        double d1 = yi1 - cy[node];
        double d2 = d0 * d0 + d1 * d1;
        if (firstChild[node] < 0) {
          // A leaf: its points one by one (more than one only for coincident points at maximal depth).
          for (int a = from[node]; a < to[node]; a++) {
            int j = perm[a];
            if (j == i) {
              continue;
            }
            double e0 = yi0 - y[2 * j];
            double e1 = yi1 - y[2 * j + 1];
            double w = 1 / (1 + e0 * e0 + e1 * e1);
            sum += w;
            f0 += w * w * e0;
            f1 += w * w * e1;
          }
        } else if (width[node] * width[node] < theta * theta * d2) {
          double w = 1 / (1 + d2);
          double q = count * w;
          sum += q;
          f0 += q * w * d0;
          f1 += q * w * d1;
        } else {
          if (top + 4 > stack.length) {
            stack = Arrays.copyOf(stack, stack.length * 2);
          }
          for (int c = 0; c < childCount[node]; c++) {
            stack[top++] = firstChild[node] + c;
          }
        }
      }
      rep[2 * i] = f0;
      rep[2 * i + 1] = f1;
      return sum;
    }
  }
}
