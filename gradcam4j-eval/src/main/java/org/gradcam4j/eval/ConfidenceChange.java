package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Average drop and increase in confidence (Chattopadhyay, Sarkar, Howlader and Balasubramanian,
 * "Grad-CAM++", WACV 2018, section 5.1). The model sees only the explained region,
 * {@code E = image * map}, with the map resized to the image and normalised to [0, 1]. With
 * {@code y} the class score of the full image and {@code o} that of {@code E}:
 * drop = {@code max(0, y - o) / y} and "increase" = {@code o > y}; averaged over images (and reported
 * in %) they are the paper's Average Drop (lower is better) and Increase in Confidence (higher is
 * better).
 *
 * <p>Choices: the map is resized bilinearly ({@link SaliencyMap#resized}) and then min-max normalised
 * ({@link SaliencyMap#normalized01}, a constant map becomes 0). The product is taken in the space of
 * the image handed in: on a normalised model input the hidden parts move toward the normalisation
 * mean rather than black, which is what the Python CAM tools do. Scores should be probabilities; for
 * {@code y <= 0} the drop is undefined (NaN).
 */
public final class ConfidenceChange {
  /** One map's outcome: the class score of the full image and of the explained region. */
  public record Result(float original, float explained) {
    /** {@code max(0, y - o) / y}, NaN when {@code y <= 0}. */
    public double drop() {
      return original > 0 ? Math.max(0, original - explained) / (double) original : Double.NaN;
    }

    /** Whether the explained region alone scores higher than the full image. */
    public boolean increase() {
      return explained > original;
    }
  }

  private final BatchScoring batches;

  /** @param batchSize images per scorer call */
  public ConfidenceChange(int batchSize) {
    this.batches = new BatchScoring(batchSize);
  }

  /** Scores the image once and the explained region of each map, all in batches. */
  public List<Result> evaluate(FloatTensor image, List<SaliencyMap> maps, int targetClass, ClassScorer scorer) {
    int[] d = ImageTensors.chw(image);
    int c = d[0];
    int plane = d[1] * d[2];
    List<float[]> weights = new ArrayList<>(maps.size());
    for (SaliencyMap m : maps) {
      weights.add(m.requireFinite("the saliency map").resized(d[2], d[1]).normalized01().values());
    }
    float[] src = image.data();
    float[] scores = batches.score(scorer, maps.size() + 1, c, d[1], d[2], targetClass, (k, dest, off) -> {
      if (k == 0) {
        System.arraycopy(src, 0, dest, off, src.length);
        return;
      }
      float[] wgt = weights.get(k - 1);
      for (int ch = 0; ch < c; ch++) {
        int base = ch * plane;
        for (int i = 0; i < plane; i++) {
          dest[off + base + i] = src[base + i] * wgt[i];
        }
      }
    });
    List<Result> out = new ArrayList<>(maps.size());
    for (int k = 0; k < maps.size(); k++) {
      out.add(new Result(scores[0], scores[k + 1]));
    }
    return out;
  }

  /** One map. */
  public Result evaluate(FloatTensor image, SaliencyMap map, int targetClass, ClassScorer scorer) {
    return evaluate(image, List.of(map), targetClass, scorer).get(0);
  }

  /** The paper's Average Drop in %: mean drop over results with a defined drop, times 100. */
  public static double averageDropPercent(List<Result> results) {
    return 100 * results.stream().mapToDouble(Result::drop).filter(Double::isFinite).average().orElse(Double.NaN);
  }

  /** The paper's Increase in Confidence in %: share of results with {@code o > y}, times 100. */
  public static double increasePercent(List<Result> results) {
    if (results.isEmpty()) {
      return Double.NaN;
    }
    return 100.0 * results.stream().filter(Result::increase).count() / results.size();
  }
}
