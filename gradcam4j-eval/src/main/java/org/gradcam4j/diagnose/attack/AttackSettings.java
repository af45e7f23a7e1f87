package org.gradcam4j.diagnose.attack;

import java.util.Locale;

/**
 * How to attack.
 *
 * @param method FGSM (one step of {@code epsilon}) or PGD ({@code steps} steps of {@code stepSize},
 *     each projected back into the L-infinity ball)
 * @param epsilon the L-infinity radius in pixel levels, before pre-processing
 * @param steps PGD's number of steps (FGSM: 1)
 * @param stepSize PGD's step in pixel levels (FGSM: {@code epsilon})
 * @param targetClass the class the model should see, or -1 for an untargeted attack (any other class
 *     than the original prediction)
 * @param loss the loss the steps climb
 * @param repairSteps PGD only: at most this many further steps for images whose rounded 8-bit version
 *     no longer fools the model, each rounded and checked again
 * @param stopWhenFooled PGD only: an image stops at the first step whose rounded version reaches the
 *     goal (the smallest number of steps that fools the model, rather than the most confident result)
 */
public record AttackSettings(Method method, PixelBudget epsilon, int steps, PixelBudget stepSize, int targetClass,
    AttackLoss loss, int repairSteps, boolean stopWhenFooled) {

  /** The two attacks. */
  public enum Method {
    /** Fast gradient sign method (Goodfellow, Shlens and Szegedy 2015): one signed step of epsilon. */
    FGSM,
    /** Projected gradient descent (Madry et al. 2018) with signed steps, from the original image. */
    PGD;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AttackSettings {
    if (steps < 1) {
      throw new IllegalArgumentException("an attack needs at least one step, got " + steps);
    }
    if (repairSteps < 0) {
      throw new IllegalArgumentException("repair steps must be >= 0, got " + repairSteps);
    }
    if (method == Method.FGSM && (steps != 1 || stepSize.levels() != epsilon.levels() || repairSteps != 0
        || stopWhenFooled)) {
      throw new IllegalArgumentException("FGSM is one step of epsilon without repair");
    }
  }

  /** FGSM with radius {@code epsilon}. */
  public static AttackSettings fgsm(PixelBudget epsilon, int targetClass, AttackLoss loss) {
    return new AttackSettings(Method.FGSM, epsilon, 1, epsilon, targetClass, loss, 0, false);
  }

  /**
   * PGD with radius {@code epsilon}; {@code stepSize} null for the usual 2.5 * epsilon / steps
   * (Madry et al.), and as many repair steps as steps.
   */
  public static AttackSettings pgd(PixelBudget epsilon, int steps, PixelBudget stepSize, int targetClass,
      AttackLoss loss) {
    PixelBudget step = stepSize != null ? stepSize
        : new PixelBudget(Math.min(255, 2.5 * epsilon.levels() / Math.max(1, steps)));
    return new AttackSettings(Method.PGD, epsilon, steps, step, targetClass, loss, steps, false);
  }

  /** The same settings, stopping each image at its first fooling step or not (PGD only). */
  public AttackSettings withStopWhenFooled(boolean stop) {
    return new AttackSettings(method, epsilon, steps, stepSize, targetClass, loss, repairSteps, stop);
  }

  public boolean targeted() {
    return targetClass >= 0;
  }

  /** "pgd eps=8/255 10 steps of 2/255, ce, untargeted". */
  public String describe() {
    String s = method + " eps=" + epsilon + (method == Method.PGD ? " " + steps + " steps of " + stepSize : "")
        + (stopWhenFooled ? " (stopping when fooled)" : "");
    return s + ", loss " + loss + ", " + (targeted() ? "targeted at class " + targetClass : "untargeted");
  }
}
