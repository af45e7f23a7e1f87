package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * LayerCAM (Jiang et al. 2021): element-wise weights {@code relu(g)}, so only positions with a
 * positive gradient contribute; works at shallow layers too.
 */
public final class LayerCamWeighting implements CamWeighting {
  @Override
  public String name() {
    return "layercam";
  }

  @Override
  public String weights(GraphBuilder b, String activation, String gradient, TensorShape shape) {
    return b.relu(gradient);
  }

  @Override
  public boolean channelWise() {
    return false;
  }
}
