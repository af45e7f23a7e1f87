package org.gradcam4j.inspect.visualize;

import org.gradcam4j.image.RgbImage;

/**
 * The result for one objective.
 *
 * @param objective what was maximised
 * @param image the final image at the model's input size
 * @param value the objective's value on the final (8-bit) image
 * @param probability for a class objective, the class's softmax probability on the final image; NaN
 *     otherwise
 * @param steps ascent steps taken (fewer than asked when a target probability was reached)
 */
public record Visualization(Objective objective, RgbImage image, double value, double probability, int steps) {}
