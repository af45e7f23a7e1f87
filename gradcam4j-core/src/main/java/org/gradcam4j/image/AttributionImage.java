package org.gradcam4j.image;

import java.util.Arrays;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Turns a pixel-space attribution (a gradient-like tensor [C, H, W], e.g. Saliency or Guided
 * Backprop) into a picture: the channels are summed per pixel (captum's convention), the chosen
 * sign is kept, and values are scaled so that the given percentile of the magnitudes maps to the
 * top of the colormap (larger values are clipped), which keeps a few extreme pixels from washing
 * out the rest.
 */
public final class AttributionImage {
  private AttributionImage() {}

  /**
   * The attribution as a map of values in [0, 1], row-major [H, W]. For {@link
   * AttributionMode#SIGNED} 0.5 means zero, 0 the most negative and 1 the most positive value.
   *
   * @param attribution [C, H, W] or [1, C, H, W]
   * @param percentile the percentile (0 < p <= 100) of the shown magnitudes that becomes 1; 100
   *     scales by the maximum
   */
  public static float[] toMap(FloatTensor attribution, AttributionMode mode, double percentile) {
    if (!(percentile > 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
    }
    int[] chw = chw(attribution);
    int plane = chw[1] * chw[2];
    float[] a = attribution.data();
    float[] summed = new float[plane];
    for (int c = 0; c < chw[0]; c++) {
      for (int i = 0; i < plane; i++) {
        summed[i] += a[c * plane + i];
      }
    }
    float[] shown = new float[plane];
    for (int i = 0; i < plane; i++) {
      float s = summed[i];
      shown[i] = switch (mode) {
        case AUTO, ABSOLUTE, SIGNED -> Math.abs(s);
        case POSITIVE -> Math.max(s, 0f);
        case NEGATIVE -> Math.max(-s, 0f);
      };
    }
    double limit = percentile(shown, percentile);
    float[] out = new float[plane];
    for (int i = 0; i < plane; i++) {
      double v = limit > 0 ? Math.min(shown[i] / limit, 1.0) : 0.0;
      if (mode == AttributionMode.SIGNED) {
        v = 0.5 + 0.5 * Math.copySign(v, summed[i]);
      }
      out[i] = (float) v;
    }
    return out;
  }

  /** {@link #toMap} coloured with {@code colormap}: an image of the attribution's H x W. */
  public static RgbImage render(FloatTensor attribution, AttributionMode mode, double percentile, Colormap colormap) {
    int[] chw = chw(attribution);
    return Overlay.heatmap(toMap(attribution, mode, percentile), chw[2], chw[1], colormap);
  }

  /**
   * The {@code p}-th percentile with linear interpolation between the two nearest ranks (NumPy's
   * default method).
   */
  static double percentile(float[] values, double p) {
    float[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = rank - lo;
    return sorted[lo] + frac * (sorted[hi] - sorted[lo]);
  }

  private static int[] chw(FloatTensor t) {
    long[] s = t.shape();
    if (s.length == 4 && s[0] == 1) {
      return new int[] {(int) s[1], (int) s[2], (int) s[3]};
    }
    if (s.length == 3) {
      return new int[] {(int) s[0], (int) s[1], (int) s[2]};
    }
    throw new IllegalArgumentException("a pixel attribution must be [C, H, W] or [1, C, H, W], got "
        + Arrays.toString(s));
  }
}
