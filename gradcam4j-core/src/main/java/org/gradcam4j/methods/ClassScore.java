package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;

/** A class index with its score (logit or probability, depending on the tensor it came from). */
public record ClassScore(int index, float score) {
  /** The {@code k} highest values, highest first; ties keep the lower index first. */
  public static List<ClassScore> top(float[] values, int k) {
    List<ClassScore> best = new ArrayList<>();
    boolean[] taken = new boolean[values.length];
    for (int r = 0; r < Math.min(k, values.length); r++) {
      int arg = -1;
      for (int i = 0; i < values.length; i++) {
        if (!taken[i] && (arg < 0 || values[i] > values[arg])) {
          arg = i;
        }
      }
      taken[arg] = true;
      best.add(new ClassScore(arg, values[arg]));
    }
    return best;
  }
}
