package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;

/**
 * FullGrad (Srinivas and Fleuret 2019, "Full-Gradient Representation for Neural Network
 * Visualization"), as pytorch-grad-cam computes it: the input part {@code |x_grad * x|} and, for
 * every Conv with a bias and every BatchNormalization (see {@link BiasLayers}), the bias part
 * {@code |b * g|} with {@code g} the gradient of the layer's output; every channel of every part is
 * min-max scaled on its own, resized to the input (bilinear, as OpenCV), all are summed, and the sum is
 * normalised for display. The target layer option is ignored: FullGrad uses all bias layers.
 *
 * <p>Choice: pytorch-grad-cam's per-channel scaling, not the reference code of the paper, which scales
 * each layer as a whole. One consequence: a channel's bias only matters through being zero or not,
 * since the scaling cancels its size and sign.
 *
 * <p>One compiled graph differentiates with respect to the input and all bias layers at once, and
 * reduces each part to one map per layer inside ONNX Runtime (only those maps leave it). Resizing is linear, so the channel maps are summed at layer resolution and
 * resized once per layer.
 */
public final class FullGrad implements ExplanationMethod {
  private static final String KEY = "fullgrad";

  @Override
  public String name() {
    return "fullgrad";
  }

  @Override
  public Kind kind() {
    return Kind.INPUT;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    String image = ctx.imageInput();
    List<BiasLayers.BiasLayer> layers = BiasLayers.find(ctx.model().graph(), ctx.shapes(), image, ctx.scoreTensor());
    List<String> wrt = new ArrayList<>(List.of(image));
    layers.forEach(l -> wrt.add(l.tensor()));
    GradientRequest request = ctx.gradients().wrt(wrt).extension(KEY, new FullGradExtension(image, layers))
        .exposeGradients(false).build();
    GradientRun run = ctx.runGradients(request);
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    int n = ctx.size();
    FloatTensor inputPart = run.extension(KEY, FullGradExtension.INPUT);
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] sum = inputPart.item(i).data().clone();
      for (int j = 0; j < layers.size(); j++) {
        FloatTensor layerPart = run.extension(KEY, FullGradExtension.layerOutput(j)).item(i);
        int h = (int) layerPart.dim(0);
        int w = (int) layerPart.dim(1);
        float[] resized = h == height && w == width ? layerPart.data()
            : MapOps.resizeBilinear(layerPart.data(), h, w, height, width);
        for (int p = 0; p < sum.length; p++) {
          sum[p] += resized[p];
        }
      }
      out.add(ctx.explanation(name(), i, run.scores().item(i).data(), run.predictions().item(i).data(), null,
          new Explanation.InputMap(new FloatTensor(new long[] {height, width}, sum))));
    }
    return out;
  }
}
