package org.gradcam4j.eval;

import java.util.List;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.math.ArgMax;

/**
 * The pointing game (Zhang, Lin, Brandt, Shen and Sclaroff, "Top-down Neural Attention by Excitation
 * Backprop", ECCV 2016), used in the Grad-CAM paper: the map's maximum is a hit when it lies on the
 * object, with a tolerance: it is a hit when some ground-truth pixel lies within {@code tolerance}
 * pixels (Euclidean distance between pixel centres, {@code <=}) of the maximum. The default tolerance
 * is 15 pixels, as in the paper. Accuracy is hits / (hits + misses).
 *
 * <p>Choices: when several pixels share the maximum, the first one in row-major order (smallest
 * {@code y}, then smallest {@code x}) is the one pointed at; a constant map therefore points at pixel
 * (0, 0). Boxes count as the pixels whose centres they contain ({@link Mask#ofBoxes}).
 */
public final class PointingGame {
  /** The paper's tolerance, in pixels. */
  public static final int DEFAULT_TOLERANCE = 15;

  /** Where the map points and whether that is a hit. */
  public record Result(int x, int y, boolean hit) {}

  private final int tolerance;

  /** The paper's tolerance of 15 pixels. */
  public PointingGame() {
    this(DEFAULT_TOLERANCE);
  }

  /** @param tolerance radius in pixels (0: the maximum itself must be on the object) */
  public PointingGame(int tolerance) {
    if (tolerance < 0) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
    this.tolerance = tolerance;
  }

  /** Index ({@code y * width + x}) of the first pixel holding the map's maximum. */
  public static int argmax(SaliencyMap map) {
    return ArgMax.of(map.values());
  }

  /** Plays against a mask of the map's size. */
  public Result evaluate(SaliencyMap map, Mask mask) {
    map.requireFinite("the saliency map");
    if (mask.width() != map.width() || mask.height() != map.height()) {
      throw new IllegalArgumentException("ground-truth mask is " + mask.width() + "x" + mask.height()
          + " but the map is " + map.width() + "x" + map.height());
    }
    int p = argmax(map);
    int px = p % map.width();
    int py = p / map.width();
    return new Result(px, py, near(mask, px, py));
  }

  /** Plays against the ground truth's mask if it has one, else against its boxes. */
  public Result evaluate(SaliencyMap map, GroundTruth truth) {
    return evaluate(map, truth.maskOrBoxes(map.width(), map.height()));
  }

  private boolean near(Mask mask, int px, int py) {
    long r2 = (long) tolerance * tolerance;
    for (int dy = -tolerance; dy <= tolerance; dy++) {
      for (int dx = -tolerance; dx <= tolerance; dx++) {
        if ((long) dx * dx + (long) dy * dy <= r2 && mask.get(px + dx, py + dy)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Fraction (0..1) of hits; NaN for no results. */
  public static double accuracy(List<Result> results) {
    if (results.isEmpty()) {
      return Double.NaN;
    }
    return results.stream().filter(Result::hit).count() / (double) results.size();
  }
}
