package org.gradcam4j.eval;

import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Max-sensitivity (Yeh, Hsieh, Suggala, Inouye and Ravikumar, "On the (In)fidelity and Sensitivity of
 * Explanations", NeurIPS 2019), as Captum's {@code sensitivity_max} computes it by default: the
 * explanation is recomputed for {@code samples} copies of the input, each with noise drawn uniformly
 * from the L-infinity ball of radius {@code radius}, and the value is {@code max_s ||attr(x + delta_s) -
 * attr(x)|| / ||attr(x)||} (Frobenius norms; a zero {@code attr(x)} divides by 1). Lower is better: the
 * explanation stays put when the input barely moves.
 *
 * <p>All images of a batch are perturbed and explained together, each perturbation drawn from
 * {@code seed} in order, so every method sees the same perturbed inputs.
 */
public final class MaxSensitivity {
  /**
   * @param samples perturbed copies per image (Captum's {@code n_perturb_samples}, default 10)
   * @param radius the L-infinity radius of the noise, in the units of the inputs (Captum's default 0.02)
   * @param images in an evaluation, the metric runs on the first this many images only, since each
   *     costs {@code samples} more explanations per method
   * @param seed seed of the noise
   */
  public record Settings(int samples, double radius, int images, long seed) {
    public Settings {
      if (samples < 1) {
        throw new IllegalArgumentException("max-sensitivity needs at least 1 perturbation, got " + samples);
      }
      if (!(radius >= 0) || !Double.isFinite(radius)) {
        throw new IllegalArgumentException("the max-sensitivity radius must be a number >= 0, got " + radius);
      }
      if (images < 0) {
        throw new IllegalArgumentException("max-sensitivity image count must be >= 0, got " + images);
      }
    }

    /** Captum's defaults: 10 perturbations of radius 0.02; the first 16 images. */
    public static Settings defaults() {
      return new Settings(10, 0.02, 16, 0L);
    }
  }

  /** The explanation function: one map per image of a batch, each {@code H * W}, in batch order. */
  @FunctionalInterface
  public interface Explanations {
    List<float[]> of(FloatTensor inputs);
  }

  private final Settings settings;

  public MaxSensitivity(Settings settings) {
    this.settings = settings;
  }

  /**
   * The max-sensitivity of each image's map.
   *
   * @param inputs the images as {@code explain} takes them, [N, C, H, W]
   * @param originals each image's map of the unperturbed input
   */
  public double[] evaluate(FloatTensor inputs, List<float[]> originals, Explanations explain) {
    int n = (int) inputs.dim(0);
    if (originals.size() != n) {
      throw new GradCamException(n + " images but " + originals.size() + " maps");
    }
    double[] norms = new double[n];
    for (int i = 0; i < n; i++) {
      norms[i] = norm(originals.get(i), null);
      if (norms[i] == 0) {
        norms[i] = 1;
      }
    }
    double[] worst = new double[n];
    SplittableRandom random = new SplittableRandom(settings.seed());
    float[] x = inputs.data();
    for (int s = 0; s < settings.samples(); s++) {
      float[] moved = new float[x.length];
      for (int q = 0; q < x.length; q++) {
        moved[q] = (float) (x[q] + (2 * random.nextDouble() - 1) * settings.radius());
      }
      List<float[]> maps = explain.of(new FloatTensor(inputs.shape(), moved));
      for (int i = 0; i < n; i++) {
        worst[i] = Math.max(worst[i], norm(maps.get(i), originals.get(i)) / norms[i]);
      }
    }
    return worst;
  }

  /** {@code ||a - b||} (Frobenius), or {@code ||a||} when {@code b} is null. */
  private static double norm(float[] a, float[] b) {
    if (b != null && a.length != b.length) {
      throw new GradCamException("a map of the perturbed input has " + a.length + " values, the original "
          + b.length);
    }
    double sum = 0;
    for (int p = 0; p < a.length; p++) {
      double d = b == null ? a[p] : (double) a[p] - b[p];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }
}
