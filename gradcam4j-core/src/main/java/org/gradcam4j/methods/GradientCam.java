package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.GraphExtension;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;

/**
 * The gradient-weighted CAM family (Grad-CAM, Grad-CAM++, XGrad-CAM, HiResCAM, LayerCAM): one
 * backward pass to the target layer, then {@code relu(sum_k w_k A_k)} computed in the same ONNX
 * Runtime run; the {@link CamWeighting} is all that differs between them.
 *
 * <p>With several layers, each layer's map is normalised and resized to the input, the maps are
 * averaged and normalised again (pytorch-grad-cam's fusion). With eigen smoothing the weighted sum
 * is replaced by the first principal component of the weighted activations.
 */
public final class GradientCam implements GradientMethod {
  private final CamWeighting weighting;

  public GradientCam(CamWeighting weighting) {
    this.weighting = weighting;
  }

  @Override
  public String name() {
    return weighting.name();
  }

  @Override
  public Kind kind() {
    return Kind.LAYER;
  }

  public CamWeighting weighting() {
    return weighting;
  }

  private String key(String layer) {
    return name() + "@" + layer;
  }

  @Override
  public GradientRequest request(MethodContext ctx) {
    // Only the maps leave ONNX Runtime; the gradients stay inside.
    GradientRequest.Builder request = ctx.gradients().wrt(ctx.layers()).exposeGradients(false);
    for (String layer : ctx.layers()) {
      request.extension(key(layer), new CamExtension(layer, weighting, ctx.options().eigenSmooth()));
    }
    return request.build();
  }

  /** The plain map: eigen smoothing runs in Java and is not exported. */
  @Override
  public Optional<GraphExtension> exportExtension(String layer) {
    return Optional.of(new CamExtension(layer, weighting));
  }

  @Override
  public List<Explanation> extract(MethodContext ctx, GradientRun run) {
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      List<FloatTensor> maps = new ArrayList<>();
      for (String layer : ctx.layers()) {
        FloatTensor map = ctx.options().eigenSmooth()
            ? EigenProjection.firstComponentMap(run.extension(key(layer), CamExtension.WEIGHTED).item(i), true)
            : run.extension(key(layer), CamExtension.CAM).item(i);
        maps.add(map);
      }
      float[] weights = weighting.channelWise() && ctx.layers().size() == 1
          ? run.extension(key(ctx.layer()), CamExtension.WEIGHTS).item(i).data() : null;
      out.add(CamMaps.explanation(ctx, name(), i, run.scores().item(i).data(), run.predictions().item(i).data(),
          maps, weights));
    }
    return out;
  }

  /** pytorch-grad-cam's multi-layer aggregation: per-layer scaled maps, averaged, scaled again. */
  static FloatTensor fuse(List<FloatTensor> maps, int height, int width) {
    float[] sum = new float[height * width];
    for (FloatTensor m : maps) {
      float[] scaled = MapOps.scaleCam(m.data(), (int) m.dim(0), (int) m.dim(1), height, width);
      for (int p = 0; p < sum.length; p++) {
        sum[p] += Math.max(0, scaled[p]) / maps.size();
      }
    }
    return new FloatTensor(new long[] {height, width}, MapOps.normalize(sum));
  }
}
