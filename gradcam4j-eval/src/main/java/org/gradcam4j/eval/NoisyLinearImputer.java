package org.gradcam4j.eval;

import java.util.SplittableRandom;
import org.gradcam4j.runtime.FloatTensor;

/**
 * ROAD's noisy linear imputation (Rong, Leemann, Borisov, Kasneci and Kasneci, "A Consistent and
 * Efficient Evaluation Strategy for Attribution Methods", ICML 2022).
 *
 * <p>Every removed pixel takes the weighted mean of its 8 neighbours that lie inside the image, with
 * weight 1/6 for the 4 direct neighbours and 1/12 for the 4 diagonal ones (weights of neighbours
 * outside the image are dropped and the rest renormalised). Removed neighbours are themselves
 * unknowns, so all removed pixels are found together from one sparse linear system per channel,
 * {@code D x - W x = b}, where {@code D} holds the sum of each pixel's in-image weights, {@code W} the
 * weights between removed pixels and {@code b} the weighted kept neighbours. The matrix is symmetric
 * and, as long as some pixel is kept, positive definite; it is solved by conjugate gradients
 * preconditioned with a multigrid V-cycle ({@link NeighbourMeanSolver}), all channels side by side.
 * Then independent Gaussian noise of standard deviation {@code noiseStd} (ROAD: 0.01, for images in
 * [0, 1]) is added to each imputed value, so that the imputed region cannot be recognised by its
 * smoothness alone.
 *
 * <p>Choices: the iteration starts from each channel's mean over the kept pixels and stops when the
 * residual norm falls below {@code tolerance} times the larger of the norms of {@code b} and of the
 * first residual (or after {@code maxIterations}). When every pixel is removed there is nothing to
 * interpolate from and the pixels become 0 plus noise. The noise comes from the caller's seeded
 * generator, so results repeat exactly. The noise is in image units: 0.01 suits images in [0, 1];
 * scale it for other ranges (e.g. 2.55 for 0..255).
 *
 * <p>An instance reuses work arrays between calls and is not safe for use by several threads at once.
 */
public final class NoisyLinearImputer {
  private final double noiseStd;
  private final double tolerance;
  private final int maxIterations;
  private final NeighbourMeanSolver solver = new NeighbourMeanSolver();
  private double[] values = new double[0];

  /**
   * @param noiseStd standard deviation of the added noise, in image units (0 for none)
   * @param tolerance relative residual at which the solver stops (e.g. 1e-5)
   * @param maxIterations most solver iterations
   */
  public NoisyLinearImputer(double noiseStd, double tolerance, int maxIterations) {
    if (!(noiseStd >= 0) || !(tolerance > 0) || maxIterations < 1) {
      throw new IllegalArgumentException("need noiseStd >= 0, tolerance > 0, maxIterations >= 1; got "
          + noiseStd + ", " + tolerance + ", " + maxIterations);
    }
    this.noiseStd = noiseStd;
    this.tolerance = tolerance;
    this.maxIterations = maxIterations;
  }

  /**
   * The given noise (ROAD uses 0.01) and solver tolerance 1e-5, which leaves errors around 1e-4 of
   * the image's range, far below that noise.
   */
  public static NoisyLinearImputer withNoise(double noiseStd) {
    return new NoisyLinearImputer(noiseStd, 1e-5, 10_000);
  }

  /** Standard deviation of the added noise. */
  public double noiseStd() {
    return noiseStd;
  }

  /** A copy of {@code image} ({@code [C, H, W]}) with the pixels where {@code removed[y*W+x]} imputed. */
  public FloatTensor impute(FloatTensor image, boolean[] removed, long seed) {
    int[] d = ImageTensors.chw(image);
    float[] out = new float[image.data().length];
    impute(image.data(), d[0], d[1], d[2], removed, new SplittableRandom(seed), out, 0);
    return new FloatTensor(image.shape().clone(), out);
  }

  /**
   * Writes {@code src} ({@code c x h x w}) to {@code dest} at {@code offset}, with the pixels flagged in
   * {@code removed} ({@code h * w}) replaced by their imputed values.
   */
  public void impute(float[] src, int c, int h, int w, boolean[] removed, SplittableRandom rng,
      float[] dest, int offset) {
    int plane = h * w;
    if (removed.length != plane) {
      throw new IllegalArgumentException("removal mask has " + removed.length + " entries for a "
          + w + "x" + h + " image");
    }
    System.arraycopy(src, 0, dest, offset, c * plane);
    if (values.length < c * plane) {
      values = new double[c * plane];
    }
    for (int i = 0; i < c * plane; i++) {
      values[i] = src[i];
    }
    if (solver.solve(values, removed, c, h, w, tolerance, maxIterations) == 0) {
      return;
    }
    for (int i = 0; i < plane; i++) {
      if (removed[i]) {
        for (int ch = 0; ch < c; ch++) {
          double noise = noiseStd == 0 ? 0 : noiseStd * gaussian(rng);
          dest[offset + ch * plane + i] = (float) (values[ch * plane + i] + noise);
        }
      }
    }
  }

  /** Solver iterations of the last call (multigrid-preconditioned CG). */
  int lastIterations() {
    return solver.lastIterations;
  }

  private static double gaussian(SplittableRandom rng) {
    // Box-Muller; SplittableRandom has no nextGaussian in Java 17.
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
