package org.gradcam4j.eval;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.gradcam4j.runtime.FloatTensor;

/**
 * ROAD, "remove and debias" (Rong, Leemann, Borisov, Kasneci and Kasneci, "A Consistent and
 * Efficient Evaluation Strategy for Attribution Methods", ICML 2022).
 *
 * <p>For each percentage {@code p}, {@code floor(p * N)} of the {@code N} pixels are removed and
 * filled by {@link NoisyLinearImputer} (all channels of a pixel together), and the model scores the
 * result. <b>MoRF</b> (most relevant first) removes the pixels with the highest map values: a faithful
 * map makes the score drop fast (lower is better). <b>LeRF</b> (least relevant first) removes those with
 * the lowest values: the score should stay high (higher is better). Ranking and ties as in
 * {@link PixelOrder}. All {@code 2 x percentages} images of one map are scored in batches.
 *
 * <p>Choices: {@code p} is the fraction removed in both orders (the paper's x-axis); the reference code's
 * LeRF argument is instead the fraction kept, so its LeRF at {@code p} is LeRF at {@code 1 - p} here.
 * The paper reports accuracy over a data set; per image this class gives the score of the target
 * class, to be averaged over images. Default percentages are 10, 20, ..., 90 %.
 *
 * <p>An instance reuses work arrays and is not safe for use by several threads at once.
 */
public final class Road {
  /**
   * Settings.
   *
   * @param percentages fractions of pixels to remove, each in [0, 1] (default 0.1 .. 0.9)
   * @param noiseStd imputation noise, in image units (default 0.01, ROAD's value for images in [0, 1])
   * @param batchSize images per scorer call (default 32)
   * @param seed seed of the tie-breaking order and of the imputation noise
   */
  public record Settings(double[] percentages, double noiseStd, int batchSize, long seed) {
    public Settings {
      if (percentages.length == 0) {
        throw new IllegalArgumentException("ROAD needs at least one percentage");
      }
      for (double p : percentages) {
        if (!(p >= 0 && p <= 1)) {
          throw new IllegalArgumentException("ROAD percentages are fractions in [0, 1], got " + p);
        }
      }
      percentages = percentages.clone();
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      if (!(noiseStd >= 0)) {
        throw new IllegalArgumentException("noise must be >= 0, got " + noiseStd);
      }
    }

    /** Percentages 10 %, 20 %, ..., 90 %, noise 0.01, batches of 32, seed 0. */
    public static Settings defaults() {
      return new Settings(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9}, 0.01, 32, 0L);
    }

    /** These settings with other fractions to remove. */
    public Settings withPercentages(double... p) {
      return new Settings(p, noiseStd, batchSize, seed);
    }

    /** These settings with another imputation noise (image units). */
    public Settings withNoise(double std) {
      return new Settings(percentages, std, batchSize, seed);
    }

    /** These settings with another batch size. */
    public Settings withBatchSize(int n) {
      return new Settings(percentages, noiseStd, n, seed);
    }

    /** These settings with another seed. */
    public Settings withSeed(long s) {
      return new Settings(percentages, noiseStd, batchSize, s);
    }

    /** A copy of the fractions to remove. */
    @Override
    public double[] percentages() {
      return percentages.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Settings s && Arrays.equals(s.percentages, percentages) && s.noiseStd == noiseStd
          && s.batchSize == batchSize && s.seed == seed;
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(percentages) * 31 + Double.hashCode(noiseStd) + 7 * batchSize + Long.hashCode(seed);
    }

    @Override
    public String toString() {
      return "Road.Settings[percentages=" + Arrays.toString(percentages) + ", noiseStd=" + noiseStd
          + ", batchSize=" + batchSize + ", seed=" + seed + "]";
    }
  }

  /**
   * Scores per percentage: {@code morf[i]} and {@code lerf[i]} after removing {@code percentages[i]}
   * of the pixels.
   */
  public record Curves(double[] percentages, double[] morf, double[] lerf) {
    /** Mean MoRF score over the percentages (lower is better). */
    public double meanMorf() {
      return Arrays.stream(morf).average().orElse(Double.NaN);
    }

    /** Mean LeRF score over the percentages (higher is better). */
    public double meanLerf() {
      return Arrays.stream(lerf).average().orElse(Double.NaN);
    }

    /**
     * {@code (meanLerf - meanMorf) / 2}: one number, higher is better. Not from the paper, which
     * plots both curves; it is the combined score of the pytorch-grad-cam metric of the same name.
     */
    public double combined() {
      return (meanLerf() - meanMorf()) / 2;
    }
  }

  private final Settings settings;
  private final NoisyLinearImputer imputer;
  private final BatchScoring batches;

  /** A metric with the given settings. */
  public Road(Settings settings) {
    this.settings = settings;
    this.imputer = NoisyLinearImputer.withNoise(settings.noiseStd());
    this.batches = new BatchScoring(settings.batchSize());
  }

  /** The settings in use. */
  public Settings settings() {
    return settings;
  }

  /** MoRF and LeRF curves of {@code map} ({@code W x H}) for {@code image} ({@code [C, H, W]}). */
  public Curves evaluate(FloatTensor image, SaliencyMap map, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.checkPair(image, map);
    int plane = d[1] * d[2];
    double[] percentages = settings.percentages();
    int np = percentages.length;
    int[] order = PixelOrder.mostRelevantFirst(map.values(), settings.seed());
    boolean[] removed = new boolean[plane];
    float[] src = image.data();
    float[] scores = batches.score(scorer, 2 * np, d[0], d[1], d[2], targetClass, (k, dest, off) -> {
      boolean morf = k < np;
      int count = removedCount(percentages[morf ? k : k - np], plane);
      removalMask(order, count, morf, removed);
      imputer.impute(src, d[0], d[1], d[2], removed, noiseFor(k), dest, off);
    });
    double[] morf = new double[np];
    double[] lerf = new double[np];
    for (int i = 0; i < np; i++) {
      morf[i] = scores[i];
      lerf[i] = scores[np + i];
    }
    return new Curves(percentages, morf, lerf);
  }

  /** Number of pixels removed at fraction {@code p}: {@code floor(p * N)}, as in the reference code. */
  static int removedCount(double p, int plane) {
    return (int) Math.floor(p * plane + 1e-9);
  }

  /**
   * Sets {@code removed} to the first ({@code morf}) or last {@code count} pixels of {@code order}
   * (most relevant first).
   */
  static void removalMask(int[] order, int count, boolean morf, boolean[] removed) {
    Arrays.fill(removed, false);
    int n = order.length;
    for (int r = 0; r < count; r++) {
      removed[order[morf ? r : n - 1 - r]] = true;
    }
  }

  private SplittableRandom noiseFor(int item) {
    return new SplittableRandom(settings.seed() * 0x9E3779B97F4A7C15L + 31L * (item + 1));
  }
}
