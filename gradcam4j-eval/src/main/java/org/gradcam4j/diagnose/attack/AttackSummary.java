package org.gradcam4j.diagnose.attack;

import java.util.Locale;

/**
 * Counts over attacked images: how many the attack fooled, and on how many Grad-CAM of the original
 * class still pointed at the same place on the adversarial image as on the clean one.
 *
 * @param images images attacked
 * @param successes images on which the attack reached its goal (after rounding to 8 bits)
 * @param explained images whose maps were compared (0 when maps were not computed)
 * @param agreements of those, the images whose original-class Grad-CAM kept its maximum within the
 *     tolerance
 */
public record AttackSummary(int images, int successes, int explained, int agreements) {
  public static final AttackSummary EMPTY = new AttackSummary(0, 0, 0, 0);

  /** Adds one image; {@code agreement} null when its maps were not computed. */
  public AttackSummary add(AttackResult result, PointingAgreement agreement) {
    return new AttackSummary(images + 1, successes + (result.success() ? 1 : 0), explained + (agreement == null ? 0 : 1),
        agreements + (agreement != null && agreement.agrees() ? 1 : 0));
  }

  public double successRate() {
    return images == 0 ? 0 : successes / (double) images;
  }

  public double agreementRate() {
    return explained == 0 ? 0 : agreements / (double) explained;
  }

  /** "19 of 19 fooled (100.0 %)" and, with maps, the pointing agreement. */
  public String describe(int tolerance) {
    String s = String.format(Locale.ROOT, "%d of %d fooled (%.1f %%)", successes, images, 100 * successRate());
    if (explained > 0) {
      s += String.format(Locale.ROOT, "; Grad-CAM of the original class points within %d px of where it did"
          + " on %d of %d (%.1f %%)", tolerance, agreements, explained, 100 * agreementRate());
    }
    return s;
  }
}
