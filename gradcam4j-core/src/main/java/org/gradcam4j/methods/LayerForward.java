package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * One plain forward pass of a batch that returns the target layers' activations together with the
 * scores and the model's first output, for the CAM methods that need no gradient. Everything comes
 * from the same run, so a method costs one forward pass before its own perturbation runs.
 *
 * @param activations each layer's activation [N, C, h, w]
 * @param scores the explained tensor [N, K]
 * @param predictions the model's first output, flattened per image
 */
record LayerForward(Map<String, FloatTensor> activations, FloatTensor scores, FloatTensor predictions) {

  static LayerForward run(MethodContext ctx) {
    String prediction = ctx.predictionTensor();
    List<String> tensors = new ArrayList<>(ctx.layers());
    for (String t : List.of(ctx.scoreTensor(), prediction)) {
      if (!tensors.contains(t)) {
        tensors.add(t);
      }
    }
    Map<String, FloatTensor> out = ctx.forward(tensors);
    Map<String, FloatTensor> activations = new LinkedHashMap<>();
    for (String layer : ctx.layers()) {
      FloatTensor a = out.get(layer);
      if (a.rank() != 4) {
        throw new GradCamException("Layer '" + layer + "' has shape " + java.util.Arrays.toString(a.shape())
            + "; class activation maps need a [N, C, h, w] layer");
      }
      activations.put(layer, a);
    }
    int n = ctx.size();
    FloatTensor s = out.get(ctx.scoreTensor());
    FloatTensor p = out.get(prediction);
    return new LayerForward(activations, new FloatTensor(new long[] {n, s.itemSize()}, s.data()),
        new FloatTensor(new long[] {n, p.itemSize()}, p.data()));
  }

  /** Activation of image {@code i} at {@code layer}, [C, h, w]. */
  FloatTensor activation(String layer, int i) {
    return activations.get(layer).item(i);
  }

  float[] scores(int i) {
    return scores.item(i).data();
  }

  float[] predictions(int i) {
    return predictions.item(i).data();
  }
}
