package org.gradcam4j.inspect.visualize;

import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;

/**
 * How to run gradient ascent.
 *
 * @param style parameterisation and regularisation
 * @param steps ascent steps
 * @param size side of the produced image when the model accepts any size (a fixed-size model's own
 *     size is used otherwise)
 * @param seed seeds every random choice (initial noise, transformations): the same seed gives the same
 *     pixels
 * @param learningRate step size; NaN for the style's default
 * @param targetProbability for class objectives, stop improving an image once the class's softmax
 *     probability on it reaches this (checked every few steps on the final 8-bit image); 0 = off
 * @param start an image to start from (DeepDream on a photo), or {@code null} for noise
 */
public record VisualizeSettings(Style style, int steps, int size, long seed, double learningRate,
    double targetProbability, RgbImage start) {
  public VisualizeSettings {
    if (steps < 1) {
      throw new GradCamException("--steps must be at least 1, got " + steps);
    }
    if (size < 8) {
      throw new GradCamException("--size must be at least 8 pixels, got " + size);
    }
    if (!(targetProbability >= 0 && targetProbability <= 1)) {
      throw new GradCamException("The target probability must lie in [0, 1], got " + targetProbability);
    }
  }

  /** The style's defaults: its step count, 224 pixels, seed 0, no early stop, from noise. */
  public static VisualizeSettings defaults(Style style) {
    return new VisualizeSettings(style, style.defaultSteps(), 224, 0, Double.NaN, 0, null);
  }

  public VisualizeSettings withSteps(int n) {
    return new VisualizeSettings(style, n, size, seed, learningRate, targetProbability, start);
  }

  public VisualizeSettings withSize(int px) {
    return new VisualizeSettings(style, steps, px, seed, learningRate, targetProbability, start);
  }

  public VisualizeSettings withSeed(long s) {
    return new VisualizeSettings(style, steps, size, s, learningRate, targetProbability, start);
  }

  public VisualizeSettings withLearningRate(double r) {
    return new VisualizeSettings(style, steps, size, seed, r, targetProbability, start);
  }

  public VisualizeSettings withTargetProbability(double p) {
    return new VisualizeSettings(style, steps, size, seed, learningRate, p, start);
  }

  public VisualizeSettings withStart(RgbImage image) {
    return new VisualizeSettings(style, steps, size, seed, learningRate, targetProbability, image);
  }

  double rate() {
    return Double.isNaN(learningRate) ? style.defaultLearningRate() : learningRate;
  }
}
