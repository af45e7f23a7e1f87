/**
 * What {@code gradcam4j bench} measures: {@link org.gradcam4j.bench.Benchmark} times a method against
 * the plain forward pass through the same session path, in alternation, and the perturbation methods'
 * throughput; {@link org.gradcam4j.bench.SyntheticModels} builds ResNet-18/50 with random weights.
 *
 * <p>Floor "cli" (gradcam4j-cli): may use every other package of gradcam4j.
 */
package org.gradcam4j.bench;
