/**
 * The end-to-end evaluation behind {@code gradcam4j evaluate}: runs explanation methods over a data
 * set ({@link org.gradcam4j.eval.run.EvaluationData}: the synthetic benchmark, a ground-truth folder,
 * or a folder of images with VOC or CSV boxes), scores every map with the metrics of
 * {@code org.gradcam4j.eval}, and writes tables, per-image JSON and plots. Work is recorded image by
 * image in a journal, so an interrupted evaluation continues where it stopped. Start at
 * {@link org.gradcam4j.eval.run.Evaluation}.
 */
package org.gradcam4j.eval.run;
