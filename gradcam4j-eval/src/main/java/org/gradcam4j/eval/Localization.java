package org.gradcam4j.eval;

import java.util.List;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.Box;

/**
 * Weakly-supervised localisation as in the Grad-CAM paper (Selvaraju et al., ICCV 2017, section 4.1,
 * following CAM, Zhou et al. 2016): the map is binarised at a fraction of its maximum (default 15 %),
 * the largest 8-connected segment of pixels above the threshold is taken, and its bounding box is the
 * predicted box. It is a hit when its IoU with some ground-truth box is at least 0.5 (the ILSVRC
 * criterion). The top-1 localisation error counts an image as correct only when the top-1 predicted
 * class is also right.
 *
 * <p>Choices: a pixel is "above" when its value is strictly greater than {@code fraction * max} (as
 * MATLAB's {@code im2bw}, used by the CAM code); a map whose maximum is not positive predicts no box
 * (a miss). When two segments are equally large, the one whose first pixel comes first in row-major
 * order wins. The predicted box is the tight pixel box ({@code x1 = last column + 1}), and IoU is the
 * area ratio of {@link Box}es in pixel-edge coordinates, so ground truth must be in the map's pixel grid.
 *
 * <p>Segments are found by {@link ConnectedComponents}.
 */
public final class Localization {
  /** The Grad-CAM paper's threshold: 15 % of the map's maximum. */
  public static final double DEFAULT_THRESHOLD = 0.15;
  /** The ILSVRC criterion. */
  public static final double DEFAULT_MIN_IOU = 0.5;

  /**
   * One map's outcome.
   *
   * @param predicted the predicted box, empty when nothing passes the threshold
   * @param bestIou the largest IoU with a ground-truth box (0 without a prediction or ground truth)
   * @param hit whether {@code bestIou >= minIou}
   */
  public record Result(Optional<Box> predicted, double bestIou, boolean hit) {
    /** Correct for the localisation error: a hit for the right class. */
    public boolean correct(boolean classCorrect) {
      return hit && classCorrect;
    }
  }

  private final double thresholdFraction;
  private final double minIou;

  /** The paper's settings: threshold 15 % of the maximum, IoU 0.5. */
  public Localization() {
    this(DEFAULT_THRESHOLD, DEFAULT_MIN_IOU);
  }

  /**
   * @param thresholdFraction binarisation threshold as a fraction of the map's maximum, in [0, 1)
   * @param minIou IoU needed for a hit, in (0, 1]
   */
  public Localization(double thresholdFraction, double minIou) {
    if (!(thresholdFraction >= 0 && thresholdFraction < 1) || !(minIou > 0 && minIou <= 1)) {
      throw new IllegalArgumentException("need threshold in [0, 1) and IoU in (0, 1], got "
          + thresholdFraction + ", " + minIou);
    }
    this.thresholdFraction = thresholdFraction;
    this.minIou = minIou;
  }

  /** The bounding box of the largest 8-connected segment above the threshold. */
  public Optional<Box> predictBox(SaliencyMap map) {
    map.requireFinite("the saliency map");
    float max = map.max();
    if (!(max > 0)) {
      return Optional.empty();
    }
    double threshold = thresholdFraction * max;
    float[] v = map.values();
    boolean[] above = new boolean[v.length];
    for (int i = 0; i < v.length; i++) {
      above[i] = v[i] > threshold;
    }
    List<ConnectedComponents.Component> segments = ConnectedComponents.of(above, map.width(), map.height()).components();
    if (segments.isEmpty()) {
      return Optional.empty();
    }
    ConnectedComponents.Component c = segments.get(0);
    return Optional.of(new Box(c.minX(), c.minY(), c.maxX() + 1, c.maxY() + 1));
  }

  /** Predicts a box and compares it with the ground-truth boxes (in the map's pixel grid). */
  public Result evaluate(SaliencyMap map, List<Box> groundTruth) {
    Optional<Box> box = predictBox(map);
    double best = 0;
    if (box.isPresent()) {
      for (Box gt : groundTruth) {
        best = Math.max(best, box.get().iou(gt));
      }
    }
    return new Result(box, best, box.isPresent() && best >= minIou);
  }

  /**
   * Top-1 localisation error over images: the fraction (0..1) of images that are not
   * {@link Result#correct correct}. {@code classCorrect[i]} says whether image {@code i}'s top-1
   * predicted class is its true class; pass all {@code true} for the error with the class given.
   */
  public static double top1Error(List<Result> results, boolean[] classCorrect) {
    if (results.size() != classCorrect.length) {
      throw new GradCamException(results.size() + " localisation results but " + classCorrect.length
          + " class flags");
    }
    if (results.isEmpty()) {
      return Double.NaN;
    }
    int wrong = 0;
    for (int i = 0; i < classCorrect.length; i++) {
      if (!results.get(i).correct(classCorrect[i])) {
        wrong++;
      }
    }
    return (double) wrong / results.size();
  }
}
