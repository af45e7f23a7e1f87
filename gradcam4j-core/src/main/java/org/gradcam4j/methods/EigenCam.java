package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Eigen-CAM (Muhammad and Yeasin 2020, "Eigen-CAM: Class Activation Map using Principal
 * Components"): the projection of the layer's activations on their first principal component (see
 * {@link EigenProjection}), rectified. It uses neither gradients nor the target: one forward pass to
 * the layer is all it costs, and the map is the same for every class (the target only decides the
 * reported class and score).
 */
public final class EigenCam implements ExplanationMethod {
  @Override
  public String name() {
    return "eigencam";
  }

  @Override
  public Kind kind() {
    return Kind.LAYER;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    LayerForward forward = LayerForward.run(ctx);
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      List<FloatTensor> maps = new ArrayList<>();
      for (String layer : ctx.layers()) {
        maps.add(EigenProjection.firstComponentMap(forward.activation(layer, i), true));
      }
      out.add(CamMaps.explanation(ctx, name(), i, forward.scores(i), forward.predictions(i), maps, null));
    }
    return out;
  }
}
