package org.gradcam4j.eval;

import java.util.Arrays;
import java.util.List;
import org.gradcam4j.error.GradCamException;

/**
 * A score curve over the fraction of pixels perturbed: {@code scores[k]} is the model's score after
 * {@code fractions[k]} of the pixels were removed (deletion) or inserted (insertion). Fractions run
 * from 0 to 1 in increasing order.
 */
public record PerturbationCurve(double[] fractions, double[] scores) {
  public PerturbationCurve {
    if (fractions.length != scores.length || fractions.length < 2) {
      throw new IllegalArgumentException("a curve needs at least two points and as many fractions as"
          + " scores, got " + fractions.length + " and " + scores.length);
    }
  }

  /**
   * Area under the curve by the trapezoidal rule over the fraction axis. The axis spans [0, 1], so
   * the area is already normalised: a constant curve has the area of its constant. This equals
   * RISE's {@code (sum - first/2 - last/2) / (n - 1)} when the points are evenly spaced.
   */
  public double auc() {
    double area = 0;
    for (int k = 1; k < scores.length; k++) {
      area += (fractions[k] - fractions[k - 1]) * (scores[k] + scores[k - 1]) / 2;
    }
    return area;
  }

  /** Point-wise mean of curves taken at the same fractions (e.g. one method over many images). */
  public static PerturbationCurve mean(List<PerturbationCurve> curves) {
    if (curves.isEmpty()) {
      throw new GradCamException("cannot average an empty list of curves");
    }
    double[] fractions = curves.get(0).fractions();
    double[] sum = new double[fractions.length];
    for (PerturbationCurve c : curves) {
      if (!Arrays.equals(c.fractions(), fractions)) {
        throw new GradCamException("cannot average curves taken at different fractions ("
            + c.fractions().length + " vs " + fractions.length + " points); use the same step"
            + " settings and image size for every image");
      }
      for (int k = 0; k < sum.length; k++) {
        sum[k] += c.scores()[k];
      }
    }
    for (int k = 0; k < sum.length; k++) {
      sum[k] /= curves.size();
    }
    return new PerturbationCurve(fractions.clone(), sum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PerturbationCurve c && Arrays.equals(c.fractions, fractions)
        && Arrays.equals(c.scores, scores);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(fractions) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "PerturbationCurve[" + scores.length + " points, auc=" + auc() + "]";
  }
}
