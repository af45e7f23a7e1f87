package org.gradcam4j.eval;

import org.gradcam4j.eval.truth.Mask;

/**
 * How well a predicted object mask matches the ground-truth mask: the intersection over union of the
 * object pixels and the pixel accuracy (the share of pixels on the right side of the boundary). The
 * mean of {@code iou} over images is the mean IoU reported by weakly-supervised segmentation work.
 * When both masks are empty the IoU is 1 (nothing to find, nothing found).
 */
public record SegmentationScore(double iou, double pixelAccuracy) {
  /** Compares {@code predicted} with {@code truth}, which must have the same size. */
  public static SegmentationScore of(Mask predicted, Mask truth) {
    if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
      throw new IllegalArgumentException("ground-truth mask is " + truth.width() + "x" + truth.height()
          + " but the predicted mask is " + predicted.width() + "x" + predicted.height());
    }
    boolean[] p = predicted.inside();
    boolean[] t = truth.inside();
    long intersection = 0;
    long union = 0;
    long agree = 0;
    for (int i = 0; i < p.length; i++) {
      intersection += p[i] && t[i] ? 1 : 0;
      union += p[i] || t[i] ? 1 : 0;
      agree += p[i] == t[i] ? 1 : 0;
    }
    return new SegmentationScore(union == 0 ? 1 : (double) intersection / union, (double) agree / p.length);
  }
}
