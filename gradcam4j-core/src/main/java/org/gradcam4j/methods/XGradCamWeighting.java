package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * XGrad-CAM (Fu et al. 2020): channel weight {@code w_k = sum_ij(g A) / (sum_ij A + 1e-7)}, the
 * gradient averaged with the activation as weights.
 */
public final class XGradCamWeighting implements CamWeighting {
  @Override
  public String name() {
    return "xgradcam";
  }

  @Override
  public String weights(GraphBuilder b, String activation, String gradient, TensorShape shape) {
    String numerator = b.reduceSum(b.mul(gradient, activation), new long[] {2, 3}, true);
    String denominator = b.add(b.reduceSum(activation, new long[] {2, 3}, true), b.constScalar(1e-7f));
    return b.div(numerator, denominator);
  }
}
