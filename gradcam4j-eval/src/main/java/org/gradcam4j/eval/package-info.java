/**
 * Explanation-quality metrics on a {@link org.gradcam4j.eval.SaliencyMap}: localisation, the pointing
 * game, deletion and insertion, ROAD, confidence change, agreement with occlusion and the sanity check.
 * Each class names the paper it follows and the choices it makes; models are {@link org.gradcam4j.eval.ClassScorer}s.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval;
