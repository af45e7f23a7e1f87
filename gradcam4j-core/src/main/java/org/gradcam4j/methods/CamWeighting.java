package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * How a gradient-based CAM method weighs the channels of the target layer: the only thing that
 * distinguishes Grad-CAM, Grad-CAM++, XGrad-CAM, HiResCAM and LayerCAM from each other. The weights
 * are emitted as ONNX nodes so that they are computed by ONNX Runtime in the same run as the
 * gradients, and can be exported with the compiled graph.
 */
public interface CamWeighting {
  /** Method name as the CLI accepts it. */
  String name();

  /**
   * Emits the weights, broadcastable against the activation: [N, C, 1, 1] for channel weights or
   * [N, C, h, w] for element-wise ones.
   */
  String weights(GraphBuilder b, String activation, String gradient, TensorShape shape);

  /** True when the weights are one number per channel (and can be reported as such). */
  default boolean channelWise() {
    return true;
  }
}
