package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.runtime.FloatTensor;

/** Shared steps of the CAM methods: the weighted channel sum and the assembly of the result. */
final class CamMaps {
  private CamMaps() {}

  /**
   * {@code relu(sum_k w_k A_k)} of a [C, h, w] activation as a [h, w] map, summed in double; with
   * {@code eigenSmooth}, the first principal component of the weighted activations {@code w_k A_k}
   * instead (pytorch-grad-cam's {@code eigen_smooth}).
   */
  static FloatTensor weightedSum(FloatTensor activation, float[] weights, boolean eigenSmooth) {
    int c = (int) activation.dim(0);
    int plane = (int) (activation.dim(1) * activation.dim(2));
    float[] a = activation.data();
    if (weights.length != c) {
      throw new IllegalArgumentException(weights.length + " weights for " + c + " channels");
    }
    long[] mapShape = {activation.dim(1), activation.dim(2)};
    if (eigenSmooth) {
      float[] weighted = new float[a.length];
      for (int k = 0; k < c; k++) {
        for (int p = 0; p < plane; p++) {
          weighted[k * plane + p] = weights[k] * a[k * plane + p];
        }
      }
      return EigenProjection.firstComponentMap(new FloatTensor(activation.shape(), weighted), true);
    }
    double[] sum = new double[plane];
    for (int k = 0; k < c; k++) {
      double w = weights[k];
      if (w == 0) {
        continue;
      }
      for (int p = 0; p < plane; p++) {
        sum[p] += w * a[k * plane + p];
      }
    }
    float[] map = new float[plane];
    for (int p = 0; p < plane; p++) {
      map[p] = (float) Math.max(0, sum[p]);
    }
    return new FloatTensor(mapShape, map);
  }

  /**
   * The explanation of image {@code i} from one map per target layer: with one layer the map is the
   * low-resolution result (and {@code weights} its channel weights, when the method has any); with
   * several, the maps are fused at input resolution as {@link GradientCam} does.
   */
  static Explanation explanation(MethodContext ctx, String method, int i, float[] scores, float[] predictions,
      List<FloatTensor> maps, float[] weights) {
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    Explanation.Payload payload = maps.size() == 1 ? new Explanation.LayerMap(maps.get(0), weights)
        : new Explanation.InputMap(GradientCam.fuse(maps, height, width));
    return ctx.explanation(method, i, scores, predictions, String.join(",", ctx.layers()), payload);
  }
}
