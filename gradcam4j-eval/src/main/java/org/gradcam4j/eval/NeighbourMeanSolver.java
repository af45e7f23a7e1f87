package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Solves the linear system of {@link NoisyLinearImputer}: every unknown pixel equals the weighted mean
 * of its in-image 8 neighbours (direct 1/6, diagonal 1/12), known pixels fixed. Written
 * {@code A x = b} with {@code A = D - W} ({@code D}: each pixel's sum of in-image weights, {@code W}:
 * weights between unknowns), {@code A} is symmetric positive definite when some pixel is known.
 *
 * <p>Method: conjugate gradients preconditioned by one multigrid V-cycle. Plain or
 * Jacobi-preconditioned CG needs thousands of iterations on large holes, because smooth errors
 * travel one pixel per iteration; multigrid corrects them on coarser grids. The coarse grids halve
 * the resolution; a coarse cell is unknown when all its (up to 4) fine pixels are, and uses the same
 * stencil (which matches the Galerkin operator {@code P^T A P} up to discretisation error, because
 * the fine-to-coarse transfer sums four pixels). Transfer: bilinear interpolation at pixel centres
 * ({@code P}) and its transpose. Smoothing: two forward Gauss-Seidel sweeps before and two backward
 * sweeps after the coarse correction, so that the V-cycle is symmetric. The coarsest grid is solved
 * by Jacobi-CG to 1e-10. The outer iteration uses the flexible (Polak-Ribiere) CG update, which stays
 * robust if the preconditioner is not exactly linear. All channels are solved side by side
 * (values interleaved per pixel).
 *
 * <p>Not safe for use by several threads at once: work arrays are kept between calls.
 */
final class NeighbourMeanSolver {
  private static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
  private static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
  private static final double DIRECT = 1.0 / 6;
  private static final double DIAGONAL = 1.0 / 12;
  private static final double[] WEIGHT = {DIAGONAL, DIRECT, DIAGONAL, DIRECT, DIRECT, DIAGONAL, DIRECT, DIAGONAL};
  private static final int SMOOTHING_SWEEPS = 2;
  private static final int COARSEST_UNKNOWNS = 64;

  private final List<Grid> grids = new ArrayList<>();
  private int depth;
  private int channels;

  // Outer CG vectors (finest grid), interleaved [unknown * channels + channel].
  private double[] x = new double[0];
  private double[] b = new double[0];
  private double[] r = new double[0];
  private double[] rOld = new double[0];
  private double[] z = new double[0];
  private double[] p = new double[0];
  private double[] ap = new double[0];

  /** Iterations of the last solve (for tests and tuning). */
  int lastIterations;

  /**
   * Fills the unknown pixels of {@code values} ({@code c} planes of {@code h x w}) in place with the
   * solution, to relative residual {@code tolerance}. Returns the number of unknowns.
   */
  int solve(double[] values, boolean[] unknown, int c, int h, int w, double tolerance, int maxIterations) {
    channels = c;
    Grid fine = grid(0);
    fine.setUp(w, h, c);
    System.arraycopy(unknown, 0, fine.unknown, 0, w * h);
    int m = fine.build();
    lastIterations = 0;
    if (m == 0) {
      return 0;
    }
    buildHierarchy();
    ensureOuter(m * c);
    fine.rightHandSide(values, b);
    initialGuess(fine, values);
    iterate(fine, tolerance, maxIterations);
    int plane = w * h;
    for (int v = 0; v < m; v++) {
      for (int ch = 0; ch < c; ch++) {
        values[ch * plane + fine.pixelOf[v]] = x[v * c + ch];
      }
    }
    return m;
  }

  private void buildHierarchy() {
    depth = 0;
    while (true) {
      Grid g = grid(depth);
      if (g.m <= COARSEST_UNKNOWNS || g.w < 4 || g.h < 4) {
        break;
      }
      Grid coarse = grid(depth + 1);
      coarse.setUp((g.w + 1) / 2, (g.h + 1) / 2, channels);
      g.markCoarseUnknowns(coarse);
      if (coarse.build() == 0) {
        break;
      }
      g.linkTo(coarse);
      depth++;
    }
  }

  /** Each channel's mean over the known pixels (0 when none is known). */
  private void initialGuess(Grid fine, double[] values) {
    int plane = fine.w * fine.h;
    int c = channels;
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      for (int i = 0; i < plane; i++) {
        if (fine.varOf[i] < 0) {
          sum += values[ch * plane + i];
        }
      }
      double start = plane == fine.m ? 0 : sum / (plane - fine.m);
      for (int v = 0; v < fine.m; v++) {
        x[v * c + ch] = start;
      }
    }
  }

  private void iterate(Grid fine, double tolerance, int maxIterations) {
    int c = channels;
    int n = fine.m * c;
    double[] rz = new double[c];
    double[] limit = new double[c];
    double[] pap = new double[c];
    double[] alpha = new double[c];
    double[] beta = new double[c];
    double[] rNorm2 = new double[c];
    double[] bNorm2 = new double[c];
    double[] num = new double[c];
    boolean[] done = new boolean[c];
    fine.multiply(x, ap);
    for (int i = 0; i < n; i++) {
      r[i] = b[i] - ap[i];
      rNorm2[i % c] += r[i] * r[i];
      bNorm2[i % c] += b[i] * b[i];
    }
    int remaining = c;
    for (int ch = 0; ch < c; ch++) {
      limit[ch] = tolerance * tolerance * Math.max(bNorm2[ch], rNorm2[ch]);
      if (rNorm2[ch] <= limit[ch]) {
        done[ch] = true;
        remaining--;
      }
    }
    if (remaining == 0) {
      return;
    }
    precondition(r, z);
    for (int i = 0; i < n; i++) {
      p[i] = done[i % c] ? 0 : z[i];
      rz[i % c] += r[i] * z[i];
    }
    for (int iter = 0; iter < maxIterations && remaining > 0; iter++) {
      lastIterations = iter + 1;
      fine.multiply(p, ap);
      Arrays.fill(pap, 0);
      for (int i = 0; i < n; i++) {
        pap[i % c] += p[i] * ap[i];
      }
      for (int ch = 0; ch < c; ch++) {
        alpha[ch] = done[ch] || !(pap[ch] > 0) ? 0 : rz[ch] / pap[ch];
      }
      Arrays.fill(rNorm2, 0);
      System.arraycopy(r, 0, rOld, 0, n);
      for (int i = 0; i < n; i++) {
        int ch = i % c;
        x[i] += alpha[ch] * p[i];
        r[i] -= alpha[ch] * ap[i];
        rNorm2[ch] += r[i] * r[i];
      }
      for (int ch = 0; ch < c; ch++) {
        if (!done[ch] && (rNorm2[ch] <= limit[ch] || alpha[ch] == 0)) {
          done[ch] = true;
          remaining--;
        }
      }
      if (remaining == 0) {
        break;
      }
      precondition(r, z);
      Arrays.fill(num, 0);
      double[] rzNew = new double[c];
      for (int i = 0; i < n; i++) {
        int ch = i % c;
        num[ch] += z[i] * (r[i] - rOld[i]);
        rzNew[ch] += r[i] * z[i];
      }
      for (int ch = 0; ch < c; ch++) {
        beta[ch] = done[ch] || rz[ch] == 0 ? 0 : Math.max(0, num[ch] / rz[ch]);
        rz[ch] = rzNew[ch];
      }
      for (int i = 0; i < n; i++) {
        int ch = i % c;
        p[i] = done[ch] ? 0 : z[i] + beta[ch] * p[i];
      }
    }
  }

  /** {@code out = M^-1 in}: one V-cycle from zero. */
  private void precondition(double[] in, double[] out) {
    Grid fine = grid(0);
    int n = fine.m * channels;
    System.arraycopy(in, 0, fine.f, 0, n);
    vcycle(0);
    System.arraycopy(fine.e, 0, out, 0, n);
  }

  private void vcycle(int level) {
    Grid g = grid(level);
    int n = g.m * channels;
    if (level == depth) {
      g.solveCoarsest();
      return;
    }
    Arrays.fill(g.e, 0, n, 0);
    for (int s = 0; s < SMOOTHING_SWEEPS; s++) {
      g.gaussSeidel(true);
    }
    g.multiply(g.e, g.res);
    for (int i = 0; i < n; i++) {
      g.res[i] = g.f[i] - g.res[i];
    }
    Grid coarse = grid(level + 1);
    g.restrict(coarse);
    vcycle(level + 1);
    g.prolongAdd(coarse);
    for (int s = 0; s < SMOOTHING_SWEEPS; s++) {
      g.gaussSeidel(false);
    }
  }

  private Grid grid(int level) {
    while (grids.size() <= level) {
      grids.add(new Grid());
    }
    return grids.get(level);
  }

  private void ensureOuter(int n) {
    if (x.length < n) {
      x = new double[n];
      b = new double[n];
      r = new double[n];
      rOld = new double[n];
      z = new double[n];
      p = new double[n];
      ap = new double[n];
    }
  }

  /** One resolution level: its unknowns, stencil and V-cycle vectors. */
  private static final class Grid {
    int w;
    int h;
    int c;
    int m;
    boolean[] unknown = new boolean[0];
    int[] varOf = new int[0];
    int[] pixelOf = new int[0];
    int[] start = new int[1];
    int[] neighbour = new int[0];
    double[] weight = new double[0];
    double[] diag = new double[0];
    double[] e = new double[0];
    double[] f = new double[0];
    double[] res = new double[0];
    // Interpolation to the next coarser grid: unknown v draws on coarse unknowns
    // transferVar[transferStart[v] .. transferStart[v + 1]) with weights transferWeight.
    int[] transferStart = new int[1];
    int[] transferVar = new int[0];
    double[] transferWeight = new double[0];

    void setUp(int width, int height, int channels) {
      w = width;
      h = height;
      c = channels;
      int plane = w * h;
      if (unknown.length < plane) {
        unknown = new boolean[plane];
        varOf = new int[plane];
        pixelOf = new int[plane];
      }
    }

    /** Numbers the unknowns and builds the stencil rows; returns their count. */
    int build() {
      int plane = w * h;
      m = 0;
      for (int i = 0; i < plane; i++) {
        if (unknown[i]) {
          varOf[i] = m;
          pixelOf[m++] = i;
        } else {
          varOf[i] = -1;
        }
      }
      if (diag.length < m) {
        diag = new double[m];
        start = new int[m + 1];
        neighbour = new int[8 * m];
        weight = new double[8 * m];
      }
      if (e.length < m * c) {
        e = new double[m * c];
        f = new double[m * c];
        res = new double[m * c];
      }
      int k = 0;
      for (int v = 0; v < m; v++) {
        start[v] = k;
        int px = pixelOf[v] % w;
        int py = pixelOf[v] / w;
        double sum = 0;
        for (int d = 0; d < 8; d++) {
          int nx = px + DX[d];
          int ny = py + DY[d];
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
            continue;
          }
          sum += WEIGHT[d];
          int u = varOf[ny * w + nx];
          if (u >= 0) {
            neighbour[k] = u;
            weight[k++] = WEIGHT[d];
          }
        }
        diag[v] = sum;
      }
      start[m] = k;
      return m;
    }

    /** {@code out[v] = sum of the weighted known neighbours} of unknown {@code v}. */
    void rightHandSide(double[] values, double[] out) {
      int plane = w * h;
      Arrays.fill(out, 0, m * c, 0);
      for (int v = 0; v < m; v++) {
        int px = pixelOf[v] % w;
        int py = pixelOf[v] / w;
        for (int d = 0; d < 8; d++) {
          int nx = px + DX[d];
          int ny = py + DY[d];
          if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
            continue;
          }
          int q = ny * w + nx;
          if (varOf[q] < 0) {
            for (int ch = 0; ch < c; ch++) {
              out[v * c + ch] += WEIGHT[d] * values[ch * plane + q];
            }
          }
        }
      }
    }

    /** {@code out = A in}. */
    void multiply(double[] in, double[] out) {
      for (int v = 0; v < m; v++) {
        int base = v * c;
        double d = diag[v];
        for (int ch = 0; ch < c; ch++) {
          out[base + ch] = d * in[base + ch];
        }
        for (int k = start[v]; k < start[v + 1]; k++) {
          int u = neighbour[k] * c;
          double wt = weight[k];
          for (int ch = 0; ch < c; ch++) {
            out[base + ch] -= wt * in[u + ch];
          }
        }
      }
    }

    /** One Gauss-Seidel sweep on {@code A e = f}, forward or backward. */
    void gaussSeidel(boolean forward) {
      double[] acc = new double[c];
      for (int step = 0; step < m; step++) {
        int v = forward ? step : m - 1 - step;
        int base = v * c;
        System.arraycopy(f, base, acc, 0, c);
        for (int k = start[v]; k < start[v + 1]; k++) {
          int u = neighbour[k] * c;
          double wt = weight[k];
          for (int ch = 0; ch < c; ch++) {
            acc[ch] += wt * e[u + ch];
          }
        }
        double inv = 1 / diag[v];
        for (int ch = 0; ch < c; ch++) {
          e[base + ch] = acc[ch] * inv;
        }
      }
    }

    /** Marks a coarse cell unknown when all of its fine pixels inside the image are. */
    void markCoarseUnknowns(Grid coarse) {
      for (int cy = 0; cy < coarse.h; cy++) {
        for (int cx = 0; cx < coarse.w; cx++) {
          boolean all = true;
          for (int dy = 0; dy < 2 && all; dy++) {
            for (int dx = 0; dx < 2 && all; dx++) {
              int fx = 2 * cx + dx;
              int fy = 2 * cy + dy;
              if (fx < w && fy < h && !unknown[fy * w + fx]) {
                all = false;
              }
            }
          }
          coarse.unknown[cy * coarse.w + cx] = all;
        }
      }
    }

    /**
     * Records the bilinear weights of each unknown on the coarse grid (centres at
     * {@code (x + 0.5) / 2 - 0.5}, clamped at the border); known coarse cells carry no correction and
     * are left out.
     */
    void linkTo(Grid coarse) {
      if (transferStart.length < m + 1) {
        transferStart = new int[m + 1];
        transferVar = new int[4 * m];
        transferWeight = new double[4 * m];
      }
      int[] xs = new int[2];
      int[] ys = new int[2];
      double[] wx = new double[2];
      double[] wy = new double[2];
      int k = 0;
      for (int v = 0; v < m; v++) {
        transferStart[v] = k;
        int nx = axis(pixelOf[v] % w, coarse.w, xs, wx);
        int ny = axis(pixelOf[v] / w, coarse.h, ys, wy);
        for (int j = 0; j < ny; j++) {
          for (int i = 0; i < nx; i++) {
            int u = coarse.varOf[ys[j] * coarse.w + xs[i]];
            if (u >= 0) {
              transferVar[k] = u;
              transferWeight[k++] = wx[i] * wy[j];
            }
          }
        }
      }
      transferStart[m] = k;
    }

    private static int axis(int x, int coarseSize, int[] idx, double[] wt) {
      int near = x / 2;
      int far = x % 2 == 0 ? near - 1 : near + 1;
      if (far < 0 || far >= coarseSize) {
        idx[0] = near;
        wt[0] = 1;
        return 1;
      }
      idx[0] = near;
      wt[0] = 0.75;
      idx[1] = far;
      wt[1] = 0.25;
      return 2;
    }

    /** {@code coarse.f = P^T res}. */
    void restrict(Grid coarse) {
      Arrays.fill(coarse.f, 0, coarse.m * c, 0);
      for (int v = 0; v < m; v++) {
        for (int k = transferStart[v]; k < transferStart[v + 1]; k++) {
          int u = transferVar[k];
          double wt = transferWeight[k];
          for (int ch = 0; ch < c; ch++) {
            coarse.f[u * c + ch] += wt * res[v * c + ch];
          }
        }
      }
    }

    /** {@code e += P coarse.e}. */
    void prolongAdd(Grid coarse) {
      for (int v = 0; v < m; v++) {
        for (int k = transferStart[v]; k < transferStart[v + 1]; k++) {
          int u = transferVar[k];
          double wt = transferWeight[k];
          for (int ch = 0; ch < c; ch++) {
            e[v * c + ch] += wt * coarse.e[u * c + ch];
          }
        }
      }
    }

    /** {@code e = A^-1 f} to high accuracy by Jacobi-preconditioned CG (the grid is small). */
    void solveCoarsest() {
      int n = m * c;
      Arrays.fill(e, 0, n, 0);
      double[] rr = f.clone();
      double[] zz = new double[n];
      double[] pp = new double[n];
      double[] aq = new double[n];
      double[] rz = new double[c];
      double[] norm0 = new double[c];
      for (int i = 0; i < n; i++) {
        zz[i] = rr[i] / diag[i / c];
        pp[i] = zz[i];
        rz[i % c] += rr[i] * zz[i];
        norm0[i % c] += rr[i] * rr[i];
      }
      double[] pap = new double[c];
      double[] rn = new double[c];
      double[] rzNew = new double[c];
      for (int iter = 0; iter < 10 * m + 50; iter++) {
        multiply(pp, aq);
        Arrays.fill(pap, 0);
        for (int i = 0; i < n; i++) {
          pap[i % c] += pp[i] * aq[i];
        }
        Arrays.fill(rn, 0);
        Arrays.fill(rzNew, 0);
        for (int i = 0; i < n; i++) {
          int ch = i % c;
          double a = pap[ch] > 0 ? rz[ch] / pap[ch] : 0;
          e[i] += a * pp[i];
          rr[i] -= a * aq[i];
          zz[i] = rr[i] / diag[i / c];
          rn[ch] += rr[i] * rr[i];
          rzNew[ch] += rr[i] * zz[i];
        }
        boolean converged = true;
        for (int ch = 0; ch < c; ch++) {
          converged &= rn[ch] <= 1e-20 * norm0[ch] || pap[ch] <= 0;
        }
        if (converged) {
          return;
        }
        for (int i = 0; i < n; i++) {
          int ch = i % c;
          double bt = rz[ch] > 0 ? rzNew[ch] / rz[ch] : 0;
          pp[i] = zz[i] + bt * pp[i];
        }
        System.arraycopy(rzNew, 0, rz, 0, c);
      }
    }
  }
}
