package org.gradcam4j.eval;

import org.gradcam4j.runtime.FloatTensor;

/**
 * The deletion and insertion metrics of RISE (Petsiuk, Das and Saenko, "RISE: Randomized Input
 * Sampling for Explanation of Black-box Models", BMVC 2018).
 *
 * <p>Pixels are ranked by map value, most relevant first ({@link PixelOrder}: ties in a seeded random
 * order). <b>Deletion</b> starts from the image and replaces the ranked pixels, a step at a time, by a
 * {@link Baseline} substrate (all channels of a pixel together); a good map makes the class score fall
 * fast, so lower area is better. <b>Insertion</b> starts from the substrate and puts the image's pixels
 * back in the same order; higher area is better. The curve has one point before the first step and one
 * after each step, scored by the {@link ClassScorer} in batches; its area is taken by the trapezoidal
 * rule over the fraction of pixels perturbed ({@link PerturbationCurve#auc()}).
 *
 * <p>Choices: RISE perturbs 224 pixels per step on 224x224 images (use {@code pixelsPerStep(224)} for
 * that); by default this class takes 100 equal steps (step {@code k} has perturbed
 * {@code floor(k * N / 100)} of the {@code N} pixels), which is the cost/precision trade-off of most
 * later work. RISE's substrates are zero for deletion and a Gaussian blur for insertion; they are the
 * defaults here. RISE blurs with an 11x11 kernel of sigma 5; the blur here has the same default sigma
 * but an untruncated ({@code 4 sigma}) kernel, see {@link org.gradcam4j.image.GaussianBlur}.
 *
 * <p>An instance reuses its batch buffers and is not safe for use by several threads at once.
 */
public final class DeletionInsertion {
  /**
   * Settings. {@code steps} (number of steps) is used when {@code pixelsPerStep} is 0.
   *
   * @param steps number of equal steps from 0 to all pixels (default 100)
   * @param pixelsPerStep pixels per step (the last step may be shorter); 0 to use {@code steps}
   * @param deletionBaseline substrate for deletion (default {@link Baseline#ZERO})
   * @param insertionBaseline substrate for insertion (default {@link Baseline#BLUR})
   * @param blurSigma sigma of the blur baseline in pixels (default 5)
   * @param batchSize images per scorer call (default 32)
   * @param tieSeed seed of the tie-breaking order of equal map values
   */
  public record Settings(int steps, int pixelsPerStep, Baseline deletionBaseline,
      Baseline insertionBaseline, double blurSigma, int batchSize, long tieSeed) {
    public Settings {
      if (pixelsPerStep < 0 || (pixelsPerStep == 0 && steps < 1)) {
        throw new IllegalArgumentException("need steps >= 1 or pixelsPerStep >= 1, got steps=" + steps
            + ", pixelsPerStep=" + pixelsPerStep);
      }
      if (batchSize < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
      }
      if (!(blurSigma > 0)) {
        throw new IllegalArgumentException("blur sigma must be positive, got " + blurSigma);
      }
    }

    /** 100 steps, deletion to zero, insertion from a blur of sigma 5, batches of 32, tie seed 0. */
    public static Settings defaults() {
      return new Settings(100, 0, Baseline.ZERO, Baseline.BLUR, 5.0, 32, 0L);
    }

    /** These settings with {@code n} equal steps (and no fixed pixels per step). */
    public Settings withSteps(int n) {
      return new Settings(n, 0, deletionBaseline, insertionBaseline, blurSigma, batchSize, tieSeed);
    }

    /** These settings with {@code n} pixels per step. */
    public Settings withPixelsPerStep(int n) {
      return new Settings(steps, n, deletionBaseline, insertionBaseline, blurSigma, batchSize, tieSeed);
    }

    /** These settings with other substrates. */
    public Settings withBaselines(Baseline deletion, Baseline insertion) {
      return new Settings(steps, pixelsPerStep, deletion, insertion, blurSigma, batchSize, tieSeed);
    }

    /** These settings with another blur sigma (pixels). */
    public Settings withBlurSigma(double sigma) {
      return new Settings(steps, pixelsPerStep, deletionBaseline, insertionBaseline, sigma, batchSize, tieSeed);
    }

    /** These settings with another batch size. */
    public Settings withBatchSize(int n) {
      return new Settings(steps, pixelsPerStep, deletionBaseline, insertionBaseline, blurSigma, n, tieSeed);
    }

    /** These settings with another tie-breaking seed. */
    public Settings withTieSeed(long seed) {
      return new Settings(steps, pixelsPerStep, deletionBaseline, insertionBaseline, blurSigma, batchSize, seed);
    }

    /** Pixels perturbed after each step, from 0 to {@code n}. */
    int[] counts(int n) {
      int k = pixelsPerStep > 0 ? (n + pixelsPerStep - 1) / pixelsPerStep : steps;
      int[] counts = new int[k + 1];
      for (int i = 0; i <= k; i++) {
        counts[i] = pixelsPerStep > 0 ? Math.min(n, i * pixelsPerStep) : (int) ((long) i * n / k);
      }
      return counts;
    }
  }

  /** Both curves of one image and map. */
  public record Curves(PerturbationCurve deletion, PerturbationCurve insertion) {}

  private final Settings settings;
  private final BatchScoring batches;

  /** A metric with the given settings. */
  public DeletionInsertion(Settings settings) {
    this.settings = settings;
    this.batches = new BatchScoring(settings.batchSize());
  }

  /** The settings in use. */
  public Settings settings() {
    return settings;
  }

  /** The deletion curve of {@code map} ({@code W x H}) for {@code image} ({@code [C, H, W]}). */
  public PerturbationCurve deletion(FloatTensor image, SaliencyMap map, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.checkPair(image, map);
    return deletion(image, d, rank(map), targetClass, scorer);
  }

  /** The insertion curve of {@code map} ({@code W x H}) for {@code image} ({@code [C, H, W]}). */
  public PerturbationCurve insertion(FloatTensor image, SaliencyMap map, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.checkPair(image, map);
    return insertion(image, d, rank(map), targetClass, scorer);
  }

  /** Both curves (the pixels are ranked once). */
  public Curves both(FloatTensor image, SaliencyMap map, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.checkPair(image, map);
    int[] order = rank(map);
    return new Curves(deletion(image, d, order, targetClass, scorer), insertion(image, d, order, targetClass, scorer));
  }

  private int[] rank(SaliencyMap map) {
    return PixelOrder.mostRelevantFirst(map.values(), settings.tieSeed());
  }

  private PerturbationCurve deletion(FloatTensor image, int[] d, int[] order, int targetClass, ClassScorer scorer) {
    float[] substrate = settings.deletionBaseline().substrate(image.data(), d[0], d[1], d[2], settings.blurSigma());
    return curve(image.data(), substrate, d, order, targetClass, scorer);
  }

  private PerturbationCurve insertion(FloatTensor image, int[] d, int[] order, int targetClass, ClassScorer scorer) {
    float[] substrate = settings.insertionBaseline().substrate(image.data(), d[0], d[1], d[2], settings.blurSigma());
    return curve(substrate, image.data(), d, order, targetClass, scorer);
  }

  /**
   * Scores the sequence that starts at {@code start} and copies pixels of {@code target} over it in
   * rank order; deletion and insertion differ only in which image is which.
   */
  private PerturbationCurve curve(float[] start, float[] target, int[] d, int[] order, int targetClass,
      ClassScorer scorer) {
    int c = d[0];
    int plane = d[1] * d[2];
    int[] counts = settings.counts(plane);
    float[] state = start.clone();
    int[] applied = {0};
    float[] scores = batches.score(scorer, counts.length, c, d[1], d[2], targetClass, (k, dest, off) -> {
      for (int r = applied[0]; r < counts[k]; r++) {
        int p = order[r];
        for (int ch = 0; ch < c; ch++) {
          state[ch * plane + p] = target[ch * plane + p];
        }
      }
      applied[0] = counts[k];
      System.arraycopy(state, 0, dest, off, state.length);
    });
    double[] fractions = new double[counts.length];
    double[] values = new double[counts.length];
    for (int k = 0; k < counts.length; k++) {
      fractions[k] = (double) counts[k] / plane;
      values[k] = scores[k];
    }
    return new PerturbationCurve(fractions, values);
  }
}
