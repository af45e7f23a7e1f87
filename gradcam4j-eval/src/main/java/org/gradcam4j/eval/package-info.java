/**
 * Explanation-quality metrics on a {@link org.gradcam4j.eval.SaliencyMap}: localisation, the pointing
 * game, deletion and insertion, ROAD, confidence change, agreement with occlusion and the sanity check.
 * Each class names the paper it follows and the choices it makes; models are {@link org.gradcam4j.eval.ClassScorer}s.
 *
 * <p>Maps are {@link org.gradcam4j.eval.SaliencyMap}s at image resolution. Metrics that need the
 * model see it as a {@link org.gradcam4j.eval.ClassScorer} and call it in batches. Each metric class
 * names the paper whose definition it follows and the choices made where the paper leaves room:
 * <ul>
 *   <li>{@link org.gradcam4j.eval.Localization}: weakly-supervised localisation (Grad-CAM, CAM);
 *   <li>{@link org.gradcam4j.eval.PointingGame}: the pointing game (Zhang et al. 2016);
 *   <li>{@link org.gradcam4j.eval.DeletionInsertion}: deletion and insertion curves (RISE);
 *   <li>{@link org.gradcam4j.eval.Road}: remove and debias, with
 *       {@link org.gradcam4j.eval.NoisyLinearImputer} (Rong et al. 2022);
 *   <li>{@link org.gradcam4j.eval.ConfidenceChange}: average drop / increase in confidence (Grad-CAM++);
 *   <li>{@link org.gradcam4j.eval.OcclusionFaithfulness}: rank correlation with occlusion (Grad-CAM);
 *   <li>{@link org.gradcam4j.eval.SanityCheck}: model randomisation test (Adebayo et al. 2018), with
 *       {@link org.gradcam4j.eval.ModelRandomization} and {@link org.gradcam4j.eval.SanityCheckSimilarity}.
 * </ul>
 * Ground truth lives in {@code eval.truth}, tables, JSON and plots in {@code eval.report}; an evaluation
 * run over a data set, and the adapter of each metric to it, in {@code eval.run}.
 *
 * <p>Floor "eval" (gradcam4j-eval): may use gradcam4j-core and the other evaluation packages
 * ({@code eval..}, {@code data}, {@code train}) without cycles; never {@code zoo} or {@code cli}.
 */
package org.gradcam4j.eval;
