/**
 * Explanation-quality metrics: how well a saliency map localises the object and how faithfully it
 * reflects what the model uses.
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
 */
package org.gradcam4j.eval;
