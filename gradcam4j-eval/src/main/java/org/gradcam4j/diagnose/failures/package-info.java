/**
 * Failure modes (the Grad-CAM paper, section 6.1): the images a model gets wrong, each explained by
 * Grad-CAM and Guided Grad-CAM for the class it predicted and for the true class, most confident
 * mistakes first, with counts of which classes get confused for which.
 *
 * <p>{@link org.gradcam4j.diagnose.failures.FailureFinder} runs one prediction pass over labelled
 * images (the synthetic benchmark, or {@link org.gradcam4j.diagnose.failures.ClassFolderData}: one
 * sub-folder per class) and explains the mistakes; {@link org.gradcam4j.diagnose.failures.ConfusionCounts}
 * tallies the (true, predicted) pairs.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages without
 * cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.diagnose.failures;
