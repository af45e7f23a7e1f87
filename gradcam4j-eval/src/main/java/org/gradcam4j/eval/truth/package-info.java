/**
 * Ground truth for the localisation metrics: boxes ({@link org.gradcam4j.eval.truth.Box}, pixel-edge
 * coordinates), masks ({@link org.gradcam4j.eval.truth.Mask}), annotated objects
 * ({@link org.gradcam4j.eval.truth.AnnotatedObject}), and readers for PASCAL VOC XML files and a simple
 * CSV. The synthetic benchmark ({@code org.gradcam4j.data}) describes its objects with the same types.
 * An image without ground truth is evaluated with the ground-truth-free metrics only.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval.truth;
