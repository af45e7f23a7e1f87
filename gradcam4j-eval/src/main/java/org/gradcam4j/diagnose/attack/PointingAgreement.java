package org.gradcam4j.diagnose.attack;

import org.gradcam4j.eval.PointingGame;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.truth.Mask;

/**
 * Whether two maps point at the same place: the pointing game played by the second map against the
 * first map's maximum as a one-pixel "object", so a hit means the two maxima lie within the tolerance
 * (Euclidean distance between pixel centres). Used to ask whether Grad-CAM of the original class still
 * points where it did once the image has been made adversarial.
 *
 * @param x the first map's maximum
 * @param y the first map's maximum
 * @param otherX the second map's maximum
 * @param otherY the second map's maximum
 * @param agrees whether they lie within the tolerance of each other
 */
public record PointingAgreement(int x, int y, int otherX, int otherY, boolean agrees) {

  /** Compares two maps of one size with the pointing game's tolerance in pixels. */
  public static PointingAgreement of(SaliencyMap first, SaliencyMap second, int tolerance) {
    int p = PointingGame.argmax(first);
    boolean[] peak = new boolean[first.width() * first.height()];
    peak[p] = true;
    PointingGame.Result r = new PointingGame(tolerance).evaluate(second, new Mask(first.width(), first.height(), peak));
    return new PointingAgreement(p % first.width(), p / first.width(), r.x(), r.y(), r.hit());
  }

  /** Distance between the two maxima, in pixels. */
  public double distance() {
    return Math.hypot(x - otherX, y - otherY);
  }
}
