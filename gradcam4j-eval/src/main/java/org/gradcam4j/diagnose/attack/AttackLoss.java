package org.gradcam4j.diagnose.attack;

import java.util.Locale;
import org.gradcam4j.math.Softmax;

/**
 * What an attack climbs, as the seed of the compiled graph's objective {@code sum(seed * scores)}
 * (the scores taken as logits): the gradient of the loss with respect to the scores, evaluated at the
 * image's current scores, so that the graph's input gradient is the loss's input gradient.
 */
public enum AttackLoss {
  /**
   * Cross-entropy: untargeted, raise {@code -log p_y} of the original class (seed {@code p - e_y});
   * targeted, lower {@code -log p_t} of the target (seed {@code e_t - p}).
   */
  CROSS_ENTROPY("ce"),
  /**
   * The class score margin on the logits (Carlini and Wagner): untargeted, raise
   * {@code max_{j != y} z_j - z_y}; targeted, raise {@code z_t - max_{j != t} z_j}.
   */
  MARGIN("margin");

  private final String cliName;

  AttackLoss(String cliName) {
    this.cliName = cliName;
  }

  /** The seed row for one image with these scores; {@code targeted} says whether {@code cls} is the goal. */
  float[] seed(float[] scores, int cls, boolean targeted) {
    float[] seed = new float[scores.length];
    if (this == CROSS_ENTROPY) {
      double[] p = Softmax.of(scores);
      for (int j = 0; j < seed.length; j++) {
        double indicator = j == cls ? 1 : 0;
        seed[j] = (float) (targeted ? indicator - p[j] : p[j] - indicator);
      }
      return seed;
    }
    int runnerUp = bestOtherThan(scores, cls);
    seed[cls] = targeted ? 1f : -1f;
    seed[runnerUp] = targeted ? -1f : 1f;
    return seed;
  }

  private static int bestOtherThan(float[] scores, int excluded) {
    int best = -1;
    for (int j = 0; j < scores.length; j++) {
      if (j != excluded && (best < 0 || scores[j] > scores[best])) {
        best = j;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return cliName;
  }

  /** The CLI name ("ce", "margin"). */
  public static AttackLoss parse(String text) {
    for (AttackLoss l : values()) {
      if (l.cliName.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return l;
      }
    }
    throw new org.gradcam4j.error.GradCamException("Unknown --loss '" + text + "': use ce or margin");
  }
}
