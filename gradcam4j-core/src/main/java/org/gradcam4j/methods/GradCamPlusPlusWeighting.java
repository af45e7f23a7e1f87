package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Grad-CAM++ (Chattopadhyay et al. 2018), in the closed form with powers of the first derivative
 * (exact for an exponential of the score): {@code alpha = g^2 / (2 g^2 + sum(A) g^3 + 1e-6)}, zero
 * where {@code g = 0}; channel weight {@code w_k = sum_ij relu(g) alpha}. The same formula and epsilon
 * as pytorch-grad-cam, so the maps agree with it.
 */
public final class GradCamPlusPlusWeighting implements CamWeighting {
  @Override
  public String name() {
    return "gradcam++";
  }

  @Override
  public String weights(GraphBuilder b, String activation, String gradient, TensorShape shape) {
    String g2 = b.mul(gradient, gradient);
    String g3 = b.mul(g2, gradient);
    String sumA = b.reduceSum(activation, new long[] {2, 3}, true);
    String denominator = b.add(b.add(b.mul(b.constScalar(2f), g2), b.mul(sumA, g3)), b.constScalar(1e-6f));
    String zero = b.constScalar(0f);
    String alpha = b.where(b.op("Equal", gradient, zero), zero, b.div(g2, denominator));
    return b.reduceSum(b.mul(b.relu(gradient), alpha), new long[] {2, 3}, true);
  }
}
