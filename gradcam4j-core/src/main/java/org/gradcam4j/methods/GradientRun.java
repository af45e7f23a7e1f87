package org.gradcam4j.methods;

import java.util.Map;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The outputs of one run of a compiled gradient graph for a batch.
 *
 * @param scores the explained tensor, [N, K]
 * @param predictions the model's first output, flattened per image (probabilities when the model ends
 *     in Softmax)
 * @param gradients the gradient of each differentiated tensor
 * @param activations the differentiated layers' values (when the spec asked for them)
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
}
