package org.gradcam4j.diagnose.attack;

import org.gradcam4j.targets.Target;

/**
 * The gradient target of one attack step: the loss's seed at the image's current scores (which the
 * runtime computes in a forward pass before the gradient run, because {@link #needsScores()}).
 *
 * @param loss what the attack climbs
 * @param cls the original class (untargeted) or the goal class (targeted)
 * @param targeted whether {@code cls} is the goal
 */
record LossTarget(AttackLoss loss, int cls, boolean targeted) implements Target {
  @Override
  public Seed seed(int classCount, float[] scores) {
    if (cls < 0 || cls >= classCount) {
      throw new org.gradcam4j.error.GradCamException("Class " + cls + " is out of range: the model has "
          + classCount + " classes (0.." + (classCount - 1) + ")");
    }
    return new Seed(loss.seed(scores, cls, targeted), 0f);
  }

  @Override
  public boolean needsScores() {
    return true;
  }

  @Override
  public int explainedClass(float[] scores) {
    return cls;
  }

  @Override
  public Target counterfactual() {
    throw new UnsupportedOperationException("an attack loss has no counterfactual");
  }

  @Override
  public boolean isCounterfactual() {
    return false;
  }

  @Override
  public String describe() {
    return loss + (targeted ? " towards class " : " away from class ") + cls;
  }
}
