/**
 * Adversarial examples computed with the gradient compiler, and what Grad-CAM says about them (the
 * Grad-CAM paper, section 6.2: on an image perturbed until the network sees another class, Grad-CAM of
 * the original class still finds the original object).
 *
 * <p>{@link org.gradcam4j.diagnose.attack.AdversarialAttack} runs FGSM or PGD: the gradient of the loss
 * with respect to the input comes from the same compiled forward and backward run that input-gradient
 * methods such as saliency use. The perturbation is bounded in pixel space, before pre-processing
 * ({@link org.gradcam4j.diagnose.attack.PixelSpace} carries the gradient through the mean/std
 * normalisation and channel order), and the result is rounded to 8 bits as part of the attack, so that
 * the PNG file written is itself adversarial. {@link org.gradcam4j.diagnose.attack.AttackExplanations}
 * explains the original and the adversarial class on both images.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages without
 * cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.diagnose.attack;
