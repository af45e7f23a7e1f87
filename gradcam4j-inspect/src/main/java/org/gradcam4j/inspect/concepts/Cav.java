package org.gradcam4j.inspect.concepts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * A concept activation vector: the unit normal of a linear boundary between a concept's activations and
 * those of other images, pointing to the concept, with the boundary's accuracy on a third of the
 * examples of each side that were held out of the fit (as in the TCAV paper's code), which tells whether
 * the layer separates the concept at all.
 *
 * @param direction unit vector in the layer's flattened activation space
 * @param accuracy fraction of the held-out examples on the right side of the boundary
 */
public record Cav(float[] direction, double accuracy) {
  /** Learns the vector of {@code concept} against {@code others}, each needing at least two rows. */
  public static Cav learn(float[][] concept, float[][] others, double l2, Random random) {
    List<Integer> conceptOrder = shuffled(concept.length, random);
    List<Integer> otherOrder = shuffled(others.length, random);
    int conceptTest = heldOut(concept.length);
    int otherTest = heldOut(others.length);
    int trainCount = concept.length - conceptTest + others.length - otherTest;
    float[][] x = new float[trainCount][];
    boolean[] positive = new boolean[trainCount];
    int row = 0;
    for (int i = conceptTest; i < concept.length; i++) {
      x[row] = concept[conceptOrder.get(i)];
      positive[row++] = true;
    }
    for (int i = otherTest; i < others.length; i++) {
      x[row++] = others[otherOrder.get(i)];
    }
    LogisticRegression.Boundary b = LogisticRegression.fit(x, positive, l2);
    int right = 0;
    for (int i = 0; i < conceptTest; i++) {
      right += b.margin(concept[conceptOrder.get(i)]) > 0 ? 1 : 0;
    }
    for (int i = 0; i < otherTest; i++) {
      right += b.margin(others[otherOrder.get(i)]) > 0 ? 0 : 1;
    }
    return new Cav(b.unitNormal(), (double) right / (conceptTest + otherTest));
  }

  /** A third, at least one, never all but one. */
  private static int heldOut(int n) {
    if (n < 2) {
      throw new IllegalArgumentException("a concept activation vector needs at least two examples per side");
    }
    return Math.max(1, Math.min(n - 1, Math.round(n / 3f)));
  }

  private static List<Integer> shuffled(int n, Random random) {
    List<Integer> order = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    return order;
  }

  /** The TCAV score: the fraction of directional derivatives that are positive. */
  public static double score(double[] directionalDerivatives) {
    int positive = 0;
    for (double d : directionalDerivatives) {
      positive += d > 0 ? 1 : 0;
    }
    return (double) positive / directionalDerivatives.length;
  }
}
