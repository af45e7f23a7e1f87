package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Explanation infidelity (Yeh, Hsieh, Suggala, Inouye and Ravikumar, "On the (In)fidelity and
 * Sensitivity of Explanations", NeurIPS 2019), as Captum's {@code infidelity} computes it with Gaussian
 * perturbations: for perturbations {@code I} with every element drawn from {@code N(0, sigma^2)},
 * {@code INFD = E[(I . attr - (f(x) - f(x - I)))^2]}, estimated by the mean over {@code samples}
 * perturbations. Lower is better: the map predicts how the score reacts to a perturbation.
 *
 * <p>Choices: a map is one value per pixel, so {@code I . attr} is {@code sum_c sum_p I[c, p] map[p]}
 * (the map applies to every channel), i.e. the map is read as a gradient, the convention under which a
 * linear model's infidelity is 0 for its weights. With {@code normalize} (Captum's option) the map is
 * first scaled by the {@code beta} that minimises the error, {@code beta = E[(I . attr) d] / E[(I .
 * attr)^2]} ({@code d} the score change; 1 when the denominator is 0), which makes the value
 * independent of the map's scale, as the maps an evaluation compares are each normalised to [0, 1].
 * Every map of an image is scored against the same perturbations, drawn from {@code seed}, so the
 * model sees {@code samples} perturbed copies per image whatever the number of maps.
 */
public final class Infidelity {
  /**
   * @param samples perturbations per image (Captum's {@code n_perturb_samples}, default 10)
   * @param sigma standard deviation of the Gaussian perturbation, in the units of the image handed in
   * @param normalize scale each map by its optimal {@code beta} first (Captum's {@code normalize})
   * @param batchSize images per scorer call (speed only)
   * @param seed seed of the perturbations
   */
  public record Settings(int samples, double sigma, boolean normalize, int batchSize, long seed) {
    public Settings {
      if (samples < 1) {
        throw new IllegalArgumentException("infidelity needs at least 1 perturbation, got " + samples);
      }
      if (!(sigma > 0) || !Double.isFinite(sigma)) {
        throw new IllegalArgumentException("the infidelity noise must be a positive number, got " + sigma);
      }
    }

    /** These settings with {@code n} images per scorer call. */
    public Settings withBatchSize(int n) {
      return new Settings(samples, sigma, normalize, n, seed);
    }

    /** 10 perturbations (Captum's default), sigma 0.05 on [0, 1] pixels, normalised, 32 per batch. */
    public static Settings defaults() {
      return new Settings(10, 0.05, true, 32, 0L);
    }
  }

  private final Settings settings;
  private final BatchScoring batches;

  public Infidelity(Settings settings) {
    this.settings = settings;
    this.batches = new BatchScoring(settings.batchSize());
  }

  /** The infidelity of each map of {@code image} ([C, H, W]) for {@code targetClass}. */
  public double[] evaluate(FloatTensor image, List<SaliencyMap> maps, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.chw(image);
    int channels = d[0];
    int plane = d[1] * d[2];
    for (SaliencyMap m : maps) {
      ImageTensors.checkPair(image, m);
    }
    int n = settings.samples();
    // Perturbations, drawn in order; channelSums[s][p] = sum_c I_s[c, p] is all a map needs of them.
    SplittableRandom random = new SplittableRandom(settings.seed());
    List<float[]> noise = new ArrayList<>(n);
    double[][] channelSums = new double[n][plane];
    for (int s = 0; s < n; s++) {
      float[] v = new float[channels * plane];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (gaussian(random) * settings.sigma());
        channelSums[s][i % plane] += v[i];
      }
      noise.add(v);
    }
    float[] x = image.data();
    float[] scores = batches.score(scorer, n + 1, channels, d[1], d[2], targetClass, (k, dest, off) -> {
      if (k == 0) {
        System.arraycopy(x, 0, dest, off, x.length);
        return;
      }
      float[] v = noise.get(k - 1);
      for (int i = 0; i < x.length; i++) {
        dest[off + i] = x[i] - v[i];
      }
    });
    double[] change = new double[n];
    for (int s = 0; s < n; s++) {
      change[s] = (double) scores[0] - scores[s + 1];
    }
    double[] out = new double[maps.size()];
    for (int k = 0; k < maps.size(); k++) {
      float[] map = maps.get(k).values();
      double[] predicted = new double[n];
      for (int s = 0; s < n; s++) {
        double dot = 0;
        for (int p = 0; p < plane; p++) {
          dot += channelSums[s][p] * map[p];
        }
        predicted[s] = dot;
      }
      out[k] = value(predicted, change, settings.normalize());
    }
    return out;
  }

  /**
   * Captum's estimate from the predicted changes {@code a_s = I_s . attr} and the actual ones {@code
   * d_s}: {@code mean((a - d)^2)}, or with {@code normalize} {@code mean((beta a - d)^2)}.
   */
  static double value(double[] predicted, double[] change, boolean normalize) {
    double aa = 0;
    double ad = 0;
    double dd = 0;
    for (int s = 0; s < predicted.length; s++) {
      aa += predicted[s] * predicted[s];
      ad += predicted[s] * change[s];
      dd += change[s] * change[s];
    }
    double beta = 1;
    if (normalize) {
      beta = aa == 0 ? ad : ad / aa;
    }
    return (beta * beta * aa - 2 * beta * ad + dd) / predicted.length;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian before Java 17's RandomGenerator default, and
    // this keeps the sequence the same on every JDK.
    double u = 1 - random.nextDouble();
    double v = random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}
