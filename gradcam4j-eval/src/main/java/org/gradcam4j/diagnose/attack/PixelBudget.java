package org.gradcam4j.diagnose.attack;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/**
 * An amount of change per pixel value in 0&ndash;255 units (an L-infinity radius or a step size),
 * parsed from what people write: {@code 8/255} (a fraction of the full range, as papers quote it) or
 * {@code 8} (pixel levels). Both mean the same: each 8-bit channel value may move by 8.
 *
 * @param levels the amount in pixel levels (0&ndash;255 units)
 */
public record PixelBudget(double levels) {
  public PixelBudget {
    if (!(levels > 0) || levels > 255) {
      throw new IllegalArgumentException("a pixel budget must be in (0, 255] levels, got " + levels);
    }
  }

  /**
   * Parses {@code A/B} (the fraction A/B of the 0&ndash;255 range, so {@code 8/255} is 8 levels and
   * {@code 1/32} is about 7.97) or a plain number of levels ({@code 8}, {@code 2.5}).
   *
   * @param option the option's name, for the error message
   * @throws GradCamException naming the option and the text when it is not such a value
   */
  public static PixelBudget parse(String text, String option) {
    String t = text.trim();
    double levels;
    try {
      int slash = t.indexOf('/');
      if (slash >= 0) {
        double numerator = Double.parseDouble(t.substring(0, slash).trim());
        double denominator = Double.parseDouble(t.substring(slash + 1).trim());
        // numerator * 255 / denominator keeps 8/255 exactly 8.0.
        levels = numerator * 255.0 / denominator;
      } else {
        levels = Double.parseDouble(t);
      }
    } catch (NumberFormatException e) {
      throw new GradCamException(option + " '" + text + "' is not a number: write a fraction of the 0-255 range"
          + " such as 8/255, or pixel levels such as 8");
    }
    if (!(levels > 0) || levels > 255 || Double.isInfinite(levels)) {
      throw new GradCamException(option + " '" + text + "' must be more than 0 and at most 255 pixel levels (255/255)");
    }
    return new PixelBudget(levels);
  }

  /** The largest whole number of levels within the budget: how far an 8-bit value may move. */
  public int wholeLevels() {
    return (int) Math.floor(levels + 1e-9);
  }

  /** "8/255 (8 levels)". */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s/255", format(levels));
  }

  private static String format(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4g", v);
  }
}
