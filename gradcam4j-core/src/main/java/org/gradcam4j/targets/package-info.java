/**
 * What is explained: {@link org.gradcam4j.targets.Target} turns an image's scores into the seed of the
 * differentiated functional {@code sum(seed * scores)}: the top prediction, a class, its probability, a
 * segmentation region, an embedding similarity, any weights, and their counterfactuals.
 *
 * <p>Floor "targets": may use only the base packages.
 */
package org.gradcam4j.targets;
