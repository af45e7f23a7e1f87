/**
 * The end-to-end evaluation behind {@code gradcam4j evaluate}: runs explanation methods over a data set
 * ({@link org.gradcam4j.eval.run.EvaluationData}: the synthetic benchmark, a ground-truth folder, or a
 * folder of images with VOC or CSV boxes), scores every map with the metrics, and writes tables,
 * per-image JSON and plots. Work is journalled image by image, so an interrupted evaluation continues
 * where it stopped. Start at {@link org.gradcam4j.eval.run.Evaluation}.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval.run;
