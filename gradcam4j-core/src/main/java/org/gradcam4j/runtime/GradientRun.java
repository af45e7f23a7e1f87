package org.gradcam4j.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The outputs of one run of a compiled gradient graph for a batch.
 *
 * @param scores the explained tensor, [N, K]
 * @param predictions the model's first output, flattened per image (probabilities when the model ends
 *     in Softmax)
 * @param gradients the gradient of each differentiated tensor (when the request exposed them)
 * @param activations the differentiated layers' values (when the request asked for them)
 * @param extensions outputs of the in-graph extensions, by "extension key/output name"
 */
public record GradientRun(FloatTensor scores, FloatTensor predictions, Map<String, FloatTensor> gradients,
    Map<String, FloatTensor> activations, Map<String, FloatTensor> extensions) {

  public FloatTensor extension(String key, String output) {
    FloatTensor t = extensions.get(key + "/" + output);
    if (t == null) {
      throw new IllegalStateException("no output " + output + " of extension " + key);
    }
    return t;
  }

  /** Joins the results of a batch that was run in chunks, in order. */
  public static GradientRun concat(List<GradientRun> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    return new GradientRun(
        FloatTensor.concat(parts.stream().map(GradientRun::scores).toList()),
        FloatTensor.concat(parts.stream().map(GradientRun::predictions).toList()),
        concatAll(parts, GradientRun::gradients),
        concatAll(parts, GradientRun::activations),
        concatAll(parts, GradientRun::extensions));
  }

  private static Map<String, FloatTensor> concatAll(List<GradientRun> parts,
      Function<GradientRun, Map<String, FloatTensor>> field) {
    Map<String, FloatTensor> out = new LinkedHashMap<>();
    for (String key : field.apply(parts.get(0)).keySet()) {
      List<FloatTensor> pieces = new ArrayList<>();
      parts.forEach(p -> pieces.add(field.apply(p).get(key)));
      out.put(key, FloatTensor.concat(pieces));
    }
    return out;
  }
}
