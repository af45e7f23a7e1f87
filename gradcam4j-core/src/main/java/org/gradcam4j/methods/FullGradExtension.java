package org.gradcam4j.methods;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.GraphExtension;
import org.gradcam4j.onnx.GraphBuilder;

/**
 * FullGrad's per-layer reductions inside the compiled graph, so that only one small map per layer
 * leaves ONNX Runtime instead of every layer's full gradient: for the input,
 * {@code sum_c norm(|x_grad * x|_c)} [N, H, W]; for each bias layer, {@code sum_c norm(|b_c * g_c|)}
 * [N, h, w], where {@code norm} is pytorch-grad-cam's per-channel min-max scaling
 * {@code (v - min) / (1e-7 + max(v - min))}.
 */
final class FullGradExtension implements GraphExtension {
  /** Output name of the input part; bias layer {@code j} is output {@code "layer" + j}. */
  static final String INPUT = "input";

  private final String image;
  private final List<BiasLayers.BiasLayer> layers;

  FullGradExtension(String image, List<BiasLayers.BiasLayer> layers) {
    this.image = image;
    this.layers = layers;
  }

  static String layerOutput(int j) {
    return "layer" + j;
  }

  @Override
  public Map<String, String> extend(GraphBuilder b, Inputs inputs) {
    Map<String, String> out = new LinkedHashMap<>();
    String inputPart = b.node("Abs").inputs(b.mul(inputs.gradient(image), image)).output();
    out.put(INPUT, channelSumOfNormalised(b, inputPart));
    for (int j = 0; j < layers.size(); j++) {
      BiasLayers.BiasLayer l = layers.get(j);
      String bias = b.constFloats(new long[] {1, l.bias().length, 1, 1}, l.bias());
      String biasGradient = b.node("Abs").inputs(b.mul(inputs.gradient(l.tensor()), bias)).output();
      out.put(layerOutput(j), channelSumOfNormalised(b, biasGradient));
    }
    return out;
  }

  private static String channelSumOfNormalised(GraphBuilder b, String v) {
    long[] spatial = {2, 3};
    String shifted = b.sub(v, b.reduceMin(v, spatial, true));
    String scaled = b.div(shifted, b.add(b.reduceMax(shifted, spatial, true), b.constScalar(1e-7f)));
    return b.reduceSum(scaled, new long[] {1}, false);
  }

  @Override
  public String cacheKey() {
    return "fullgrad:" + image + ":" + layers.size();
  }
}
