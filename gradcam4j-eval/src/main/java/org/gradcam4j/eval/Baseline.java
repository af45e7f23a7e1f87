package org.gradcam4j.eval;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.GaussianBlur;

/**
 * What a "removed" pixel becomes in the deletion and insertion metrics (RISE, Petsiuk et al. 2018).
 * Values are in the space of the image handed to the metric: for a normalised model input, ZERO is
 * the normalisation mean colour, not black.
 */
public enum Baseline {
  /** Every channel 0. RISE's deletion substrate. */
  ZERO,
  /** The image's own per-channel mean. */
  MEAN,
  /** A Gaussian blur of the image (sigma configurable). RISE's insertion substrate. */
  BLUR;

  /** Parses {@code zero}, {@code mean} or {@code blur} (any case). */
  public static Baseline parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new GradCamException("unknown baseline '" + name + "'; use zero, mean or blur", e);
    }
  }

  /** The substrate image ({@code c x h x w} floats) for {@code chw}. */
  float[] substrate(float[] chw, int c, int h, int w, double blurSigma) {
    switch (this) {
      case ZERO:
        return new float[chw.length];
      case MEAN: {
        float[] out = new float[chw.length];
        int plane = h * w;
        for (int ch = 0; ch < c; ch++) {
          double sum = 0;
          for (int i = 0; i < plane; i++) {
            sum += chw[ch * plane + i];
          }
          java.util.Arrays.fill(out, ch * plane, (ch + 1) * plane, (float) (sum / plane));
        }
        return out;
      }
      case BLUR:
        return GaussianBlur.blur(chw, c, h, w, blurSigma);
      default:
        throw new AssertionError(this);
    }
  }

  /** The lower-case name, as accepted by {@link #parse}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
