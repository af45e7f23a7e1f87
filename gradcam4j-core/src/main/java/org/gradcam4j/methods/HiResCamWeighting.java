package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * HiResCAM (Draelos and Carin 2020): the gradient multiplies the activation element by element
 * instead of being averaged per channel, so the map shows where the score is sensitive at the
 * layer's full resolution.
 */
public final class HiResCamWeighting implements CamWeighting {
  @Override
  public String name() {
    return "hirescam";
  }

  @Override
  public String weights(GraphBuilder b, String activation, String gradient, TensorShape shape) {
    return gradient;
  }

  @Override
  public boolean channelWise() {
    return false;
  }
}
