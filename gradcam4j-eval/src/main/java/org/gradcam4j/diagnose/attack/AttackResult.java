package org.gradcam4j.diagnose.attack;

import org.gradcam4j.image.RgbImage;

/**
 * One attacked image.
 *
 * @param original the image as the model sees it (resized and cropped), 8 bits
 * @param adversarial the adversarial image, 8 bits, within epsilon of {@code original} in every value
 * @param originalClass the model's prediction on {@code original}
 * @param originalConfidence its softmax probability there
 * @param adversarialClass the model's prediction on {@code adversarial} (as stored, after rounding)
 * @param adversarialConfidence its softmax probability there
 * @param originalClassOnAdversarial the softmax probability of {@code originalClass} on {@code adversarial}
 * @param success whether the attack reached its goal (untargeted: another class than the original;
 *     targeted: the target class) on the rounded image
 * @param steps gradient steps taken, repair steps included
 * @param maxChange the largest change of any 8-bit value, in levels
 */
public record AttackResult(RgbImage original, RgbImage adversarial, int originalClass, float originalConfidence,
    int adversarialClass, float adversarialConfidence, float originalClassOnAdversarial, boolean success, int steps,
    int maxChange) {

  /** The largest absolute difference between two images' 8-bit values. */
  public static int maxChange(RgbImage a, RgbImage b) {
    byte[] x = a.pixels();
    byte[] y = b.pixels();
    int max = 0;
    for (int i = 0; i < x.length; i++) {
      max = Math.max(max, Math.abs((x[i] & 0xff) - (y[i] & 0xff)));
    }
    return max;
  }
}
