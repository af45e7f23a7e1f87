package org.gradcam4j.methods;

import java.util.LinkedHashMap;
import java.util.Map;
import org.gradcam4j.autodiff.GraphExtension;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Computes a class activation map inside the compiled graph, from the activation {@code A} of a
 * [N, C, h, w] layer and its gradient: {@code cam = relu(sum_k w_k A_k)} where the channel weights
 * {@code w} come from a {@link CamWeighting}. The map is output as {@code cam} [N, h, w]; the channel
 * weights as {@code cam_weights} [N, C].
 */
public final class CamExtension implements GraphExtension {
  /** Output names of the map and the weights in compiled graphs. */
  public static final String CAM = "cam";
  public static final String WEIGHTS = "cam_weights";
  /** The weighted activations {@code w_k A_k} [N, C, h, w], output only for eigen smoothing. */
  public static final String WEIGHTED = "cam_weighted";

  private final String layer;
  private final CamWeighting weighting;
  private final boolean exposeWeighted;

  public CamExtension(String layer, CamWeighting weighting) {
    this(layer, weighting, false);
  }

  public CamExtension(String layer, CamWeighting weighting, boolean exposeWeighted) {
    this.layer = layer;
    this.weighting = weighting;
    this.exposeWeighted = exposeWeighted;
  }

  @Override
  public Map<String, String> extend(GraphBuilder b, Inputs inputs) {
    TensorShape shape = inputs.shape(layer);
    if (shape.rank() != 4) {
      throw new org.gradcam4j.error.GradCamException("Layer '" + layer + "' has shape " + shape
          + "; class activation maps need a [N, C, h, w] layer");
    }
    String gradient = inputs.gradient(layer);
    String weights = weighting.weights(b, layer, gradient, shape); // [N, C, 1, 1] or [N, C, h, w]
    String weighted = b.mul(weights, layer);
    String summed = b.reduceSum(weighted, new long[] {1}, false);
    String cam = b.node("Relu").inputs(summed).output(CAM);
    Map<String, String> out = new LinkedHashMap<>();
    out.put(CAM, cam);
    if (weighting.channelWise()) {
      String flat = b.reshape(weights, b.constInts(0, -1));
      out.put(WEIGHTS, b.node("Identity").inputs(flat).output(WEIGHTS));
    }
    if (exposeWeighted) {
      out.put(WEIGHTED, b.node("Identity").inputs(weighted).output(WEIGHTED));
    }
    return out;
  }

  @Override
  public String cacheKey() {
    return "cam:" + layer + ":" + weighting.name() + (exposeWeighted ? ":weighted" : "");
  }
}
