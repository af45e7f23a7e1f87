package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;

/**
 * Eigen-Grad-CAM (pytorch-grad-cam's class-discriminative variant of Eigen-CAM): the first principal
 * component of the activations multiplied element-wise by their gradients, {@code g * A}, rectified.
 * It shares the gradient run of the other gradient methods (one backward pass to the layer).
 */
public final class EigenGradCam implements GradientMethod {
  @Override
  public String name() {
    return "eigengradcam";
  }

  @Override
  public Kind kind() {
    return Kind.LAYER;
  }

  @Override
  public GradientRequest request(MethodContext ctx) {
    return ctx.gradients().wrt(ctx.layers()).exposeActivations(true).build();
  }

  @Override
  public List<Explanation> extract(MethodContext ctx, GradientRun run) {
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      List<FloatTensor> maps = new ArrayList<>();
      for (String layer : ctx.layers()) {
        FloatTensor a = run.activations().get(layer).item(i);
        if (a.rank() != 3) {
          throw new org.gradcam4j.error.GradCamException("Layer '" + layer + "' has shape "
              + java.util.Arrays.toString(run.activations().get(layer).shape())
              + "; class activation maps need a [N, C, h, w] layer");
        }
        float[] g = run.gradients().get(layer).item(i).data();
        float[] product = new float[g.length];
        for (int k = 0; k < g.length; k++) {
          product[k] = g[k] * a.data()[k];
        }
        maps.add(EigenProjection.firstComponentMap(new FloatTensor(a.shape(), product), true));
      }
      out.add(CamMaps.explanation(ctx, name(), i, run.scores().item(i).data(), run.predictions().item(i).data(),
          maps, null));
    }
    return out;
  }
}
