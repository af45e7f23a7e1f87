package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature ablation over segments (Captum's {@code FeatureAblation} with a feature mask): each segment in
 * turn is set to {@link MethodOptions#occlusionFill()}, and its attribution is the drop of the target
 * score, {@code y(x) - y(x without the segment)}. One scored copy per segment.
 */
public final class FeatureAblation extends SuperpixelMethod {
  @Override
  public String name() {
    return "feature-ablation";
  }

  @Override
  double[] attribute(CoalitionScorer scorer, MethodOptions options) {
    int k = scorer.players();
    List<boolean[]> ablated = new ArrayList<>();
    for (int j = 0; j < k; j++) {
      boolean[] keep = new boolean[k];
      java.util.Arrays.fill(keep, true);
      keep[j] = false;
      ablated.add(keep);
    }
    double[] scores = scorer.score(ablated);
    double[] drops = new double[k];
    for (int j = 0; j < k; j++) {
      drops[j] = scorer.full() - scores[j];
    }
    return drops;
  }
}
