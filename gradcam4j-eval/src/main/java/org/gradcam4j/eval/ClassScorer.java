package org.gradcam4j.eval;

import org.gradcam4j.runtime.FloatTensor;

/**
 * The model as the metrics see it: a batch of images in, one score per image for a given class out.
 *
 * <p>Metrics that need the model (deletion/insertion, ROAD, average drop) always call it with whole
 * batches (their batch size is configurable), never one image at a time. The images are in whatever
 * space the caller handed to the metric (for example pixels scaled to [0, 1], or the model's normalised
 * input); an implementation applies any remaining pre-processing itself.
 *
 * <p>The caller reuses the batch's {@code data} array once {@code score} returns, so an implementation
 * must not keep a reference to it.
 */
@FunctionalInterface
public interface ClassScorer {
  /**
   * Scores a batch.
   *
   * @param batch images, shape {@code [B, C, H, W]}
   * @param classes the class to score for each image, length {@code B}
   * @return the score of {@code classes[i]} for image {@code i} (a probability for the metrics that
   *     interpret scores as confidences, such as average drop), length {@code B}
   */
  float[] score(FloatTensor batch, int[] classes);
}
