package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Base of the CAM methods that weigh a layer's channels without gradients (Score-CAM, Ablation-CAM,
 * CAM): one forward pass gives the activations, the method computes one weight per channel and
 * image, and the map is {@code relu(sum_k w_k A_k)}, or with eigen smoothing the first principal
 * component of {@code w_k A_k}, as for the gradient CAMs.
 */
abstract class ChannelWeightedCam implements ExplanationMethod {
  /** The channel weights of every image of the batch at one layer, [N][C]. */
  abstract float[][] weights(MethodContext ctx, String layer, LayerForward forward);

  @Override
  public Kind kind() {
    return Kind.LAYER;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    LayerForward forward = LayerForward.run(ctx);
    Map<String, float[][]> weights = new LinkedHashMap<>();
    for (String layer : ctx.layers()) {
      weights.put(layer, weights(ctx, layer, forward));
    }
    boolean eigen = ctx.options().eigenSmooth();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      List<FloatTensor> maps = new ArrayList<>();
      for (String layer : ctx.layers()) {
        maps.add(CamMaps.weightedSum(forward.activation(layer, i), weights.get(layer)[i], eigen));
      }
      out.add(CamMaps.explanation(ctx, name(), i, forward.scores(i), forward.predictions(i), maps,
          weights.get(ctx.layer())[i]));
    }
    return out;
  }
}
