package org.gradcam4j.methods;

import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/** Grad-CAM (Selvaraju et al. 2017): each channel is weighted by the spatial mean of its gradient. */
public final class GradCamWeighting implements CamWeighting {
  @Override
  public String name() {
    return "gradcam";
  }

  @Override
  public String weights(GraphBuilder b, String activation, String gradient, TensorShape shape) {
    return b.reduceMean(gradient, new long[] {2, 3}, true);
  }
}
