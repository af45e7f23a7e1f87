package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.runtime.FloatTensor;

/** Joins the results of a batch that was run in chunks. */
public final class GradientRuns {
  private GradientRuns() {}

  public static GradientRun concat(List<GradientRun> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new GradientRun(
        cat(parts.stream().map(GradientRun::scores).toList()),
        cat(parts.stream().map(GradientRun::predictions).toList()),
        catAll(parts, GradientRun::gradients),
        catAll(parts, GradientRun::activations),
        catAll(parts, GradientRun::extensions));
  }

  private static Map<String, FloatTensor> catAll(List<GradientRun> parts,
      java.util.function.Function<GradientRun, Map<String, FloatTensor>> field) {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    for (String key : field.apply(parts.get(0)).keySet()) {
      List<FloatTensor> pieces = new ArrayList<>();
      parts.forEach(p -> pieces.add(field.apply(p).get(key)));
      out.put(key, cat(pieces));
    }
    return out;
  }

  /** Concatenates along the first axis. */
  public static FloatTensor cat(List<FloatTensor> pieces) {
    long n = 0;
    int total = 0;
    for (FloatTensor t : pieces) {
      n += t.dim(0);
      total += t.data().length;
    }
    float[] data = new float[total];
    int offset = 0;
    for (FloatTensor t : pieces) {
      System.arraycopy(t.data(), 0, data, offset, t.data().length);
      offset += t.data().length;
    }
    long[] shape = pieces.get(0).shape().clone();
    shape[0] = n;
    return new FloatTensor(shape, data);
  }
}
