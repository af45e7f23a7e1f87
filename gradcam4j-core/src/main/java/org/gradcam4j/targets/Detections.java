package org.gradcam4j.targets;

import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/**
 * Detector outputs: the detection that best overlaps a reference box is explained, as the box-score
 * target of pytorch-grad-cam does (without its IoU term, so that the explained quantity is the score
 * alone). Two layouts:
 * <ul>
 *   <li>YOLO-style raw predictions [N, B, 5 + K]: per candidate box centre x, centre y, width,
 *       height, objectness and K class scores; its score is objectness x class score;
 *   <li>boxes / scores / labels triples ([N, B, 4] corners x0, y0, x1, y1; [N, B]; [N, B]), as
 *       torchvision-style detectors return them: the explained tensor is the scores, and the
 *       detection is chosen from the boxes and labels beforehand ({@link #bestMatch}).
 * </ul>
 * Coordinates are those of the model's boxes, normally pixels of the pre-processed input.
 */
public final class Detections {
  /** The IoU a detection needs to count as the reference box, as in pytorch-grad-cam. */
  public static final double DEFAULT_IOU = 0.5;

  private Detections() {}

  /** Intersection over union of two boxes given as corners x0, y0, x1, y1. */
  public static double iou(float[] a, int ai, float[] b, int bi) {
    double ix = Math.max(0, Math.min(a[ai + 2], b[bi + 2]) - Math.max(a[ai], b[bi]));
    double iy = Math.max(0, Math.min(a[ai + 3], b[bi + 3]) - Math.max(a[ai + 1], b[bi + 1]));
    double inter = ix * iy;
    double union = area(a, ai) + area(b, bi) - inter;
    return union <= 0 ? 0 : inter / union;
  }

  private static double area(float[] box, int i) {
    return Math.max(0, box[i + 2] - box[i]) * (double) Math.max(0, box[i + 3] - box[i + 1]);
  }

  /**
   * The index of the detection among {@code count} corner boxes that best overlaps {@code box} with
   * an IoU of at least {@code minIou} and, when {@code label >= 0}, has that label ({@code labels}
   * may then not be null).
   *
   * @throws GradCamException naming the best IoU found when no detection qualifies
   */
  public static int bestMatch(float[] corners, float[] labels, int count, float[] box, int label, double minIou) {
    int best = -1;
    double bestIou = 0;
    for (int d = 0; d < count; d++) {
      if (label >= 0 && Math.round(labels[d]) != label) {
        continue;
      }
      double iou = iou(corners, 4 * d, box, 0);
      if (iou > bestIou) {
        bestIou = iou;
        best = d;
      }
    }
    if (best < 0 || bestIou < minIou) {
      throw new GradCamException(String.format(Locale.ROOT,
          "No detection%s overlaps the box %s with IoU >= %.2f (best: %.2f)",
          label >= 0 ? " of class " + label : "", describe(box), minIou, bestIou));
    }
    return best;
  }

  static String describe(float[] box) {
    return String.format(Locale.ROOT, "%g,%g,%g,%g", box[0], box[1], box[2], box[3]);
  }

  /**
   * Explain the YOLO-style raw detection (see the class comment) that best overlaps {@code box}
   * (corners), of class {@code label} or, for -1, of any class (a detection's class then being its
   * arg-max).
   */
  public static Target yolo(float[] box, int label, int boxes, int width) {
    if (width < 6) {
      throw new GradCamException("A YOLO-style output needs 5 + K >= 6 values per box, got " + width);
    }
    if (label >= width - 5) {
      throw new GradCamException("Class " + label + " is out of range: the detector has " + (width - 5)
          + " classes (0.." + (width - 6) + ")");
    }
    return new Yolo(box.clone(), label, boxes, width, DEFAULT_IOU, false);
  }

  /** Explain detection {@code index} of a scores tensor of {@code count} detections. */
  public static Target scoreOf(int index, int count, float[] box) {
    float[] w = new float[count];
    w[index] = 1f;
    return new Scored(w, "detection " + index + " (best match of box " + Detections.describe(box) + ")", false);
  }

  /** A fixed detection's score. */
  record Scored(float[] weights, String what, boolean isCounterfactual) implements Target {
    @Override
    public Seed seed(int classCount, float[] scores) {
      if (classCount != weights.length) {
        throw new GradCamException("The detection target was chosen among " + weights.length
            + " detections but the scores tensor has " + classCount);
      }
      float[] w = weights.clone();
      if (isCounterfactual) {
        for (int i = 0; i < w.length; i++) {
          w[i] = -w[i];
        }
      }
      return new Seed(w, 0f);
    }

    @Override
    public Target counterfactual() {
      return new Scored(weights, what, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + what;
    }
  }

  /** Objectness x class score of the best-matching raw detection. */
  record Yolo(float[] box, int label, int boxes, int width, double minIou, boolean isCounterfactual)
      implements Target {
    @Override
    public boolean needsScores() {
      return true;
    }

    /** The matched detection and its class. */
    private int[] match(float[] scores) {
      int classes = width - 5;
      float[] corners = new float[4 * boxes];
      float[] labels = new float[boxes];
      for (int d = 0; d < boxes; d++) {
        int o = d * width;
        corners[4 * d] = scores[o] - scores[o + 2] / 2;
        corners[4 * d + 1] = scores[o + 1] - scores[o + 3] / 2;
        corners[4 * d + 2] = scores[o] + scores[o + 2] / 2;
        corners[4 * d + 3] = scores[o + 1] + scores[o + 3] / 2;
        labels[d] = org.gradcam4j.math.ArgMax.of(scores, o + 5, o + 5 + classes) - (o + 5);
      }
      int d = bestMatch(corners, labels, boxes, box, label, minIou);
      return new int[] {d, label >= 0 ? label : Math.round(labels[d])};
    }

    @Override
    public Seed seed(int classCount, float[] scores) {
      if (classCount != boxes * width) {
        throw new GradCamException("A YOLO-style target for " + boxes + " boxes of " + width
            + " values needs " + boxes * width + " scores per image, the output has " + classCount);
      }
      int[] m = match(scores);
      int o = m[0] * width;
      float sign = isCounterfactual ? -1f : 1f;
      float[] w = new float[classCount];
      // d(obj * cls) = cls d(obj) + obj d(cls), at this image's scores.
      w[o + 4] = sign * scores[o + 5 + m[1]];
      w[o + 5 + m[1]] = sign * scores[o + 4];
      return new Seed(w, 0f);
    }

    @Override
    public double value(float[] scores) {
      int[] m = match(scores);
      int o = m[0] * width;
      double v = (double) scores[o + 4] * scores[o + 5 + m[1]];
      return isCounterfactual ? -v : v;
    }

    @Override
    public Target counterfactual() {
      return new Yolo(box, label, boxes, width, minIou, !isCounterfactual);
    }

    @Override
    public String describe() {
      return (isCounterfactual ? "counterfactual " : "") + "detection best overlapping box " + Detections.describe(box)
          + (label >= 0 ? " of class " + label : "");
    }
  }
}
