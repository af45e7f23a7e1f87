package org.gradcam4j.methods;

import org.gradcam4j.Explainer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.testing.Models;

/** Models whose response to perturbations is known in closed form, and options for them. */
final class PerturbationModels {
  private PerturbationModels() {}

  /** {@code y = sum_cq w_cq x_cq} as a [N, 1] score, for [N, 3, size, size] images. */
  static Explainer linear(int size, float[] w) {
    var proto = Models.single(17, new long[] {1, 3, size, size}, (b, x) -> {
      String weights = b.initializer("w", new long[] {1, 3, size, size}, w);
      String sum = b.reduceSum(b.mul(x, weights), new long[] {1, 2, 3}, true);
      return b.node("Flatten").inputs(sum).attr("axis", 1L).output();
    });
    return Explainer.of(OnnxModel.of(proto, "linear model"), 1);
  }

  /** A linear model that only sees the top-left quadrant of the image (weights 1 there, 0 elsewhere). */
  static Explainer topLeftQuadrant(int size) {
    float[] w = new float[3 * size * size];
    for (int c = 0; c < 3; c++) {
      for (int y = 0; y < size / 2; y++) {
        for (int x = 0; x < size / 2; x++) {
          w[c * size * size + y * size + x] = 1f;
        }
      }
    }
    return linear(size, w);
  }

  static MethodOptions occlusion(int window, int stride, float fill) {
    return MethodOptions.defaults().toBuilder().occlusionWindow(window).occlusionStride(stride).occlusionFill(fill)
        .build();
  }

  static MethodOptions rise(int masks, int cells, float probability, long seed, int batchSize) {
    return MethodOptions.defaults().toBuilder().batchSize(batchSize).riseMasks(masks).riseCells(cells)
        .riseProbability(probability).seed(seed).build();
  }

  static MethodOptions augSmooth(MethodOptions o, boolean on) {
    return o.toBuilder().augSmooth(on).build();
  }
}
