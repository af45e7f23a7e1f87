/**
 * Numerics shared by the library and the evaluation: softmax, rank correlations (Pearson, Spearman,
 * Kendall), SSIM, and means with percentile-bootstrap confidence intervals
 * ({@link org.gradcam4j.math.Bootstrap}, {@link org.gradcam4j.math.Summary}).
 *
 * <p>Floor "base": may use only the other base packages ({@code error}, {@code io}); every package may
 * use it.
 */
package org.gradcam4j.math;
