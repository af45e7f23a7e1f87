package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.image.MapOps;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.SessionCache;
import org.gradcam4j.targets.Target;

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
 * reduces each part to one map per layer inside ONNX Runtime; its session is cached by the
 * {@link Explainer}. Resizing is linear, so the channel maps are summed at layer resolution and
 * resized once per layer.
 */
public final class FullGrad implements ExplanationMethod {
  @Override
  public String name() {
    return "fullgrad";
  }

  @Override
  public Kind kind() {
    return Kind.INPUT;
  }

  /** The compiled graph with its session and the bias layers, in the order of its outputs. */
  record Compiled(GradientGraph graph, OnnxSession session, List<BiasLayers.BiasLayer> layers)
      implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    Explainer explainer = ctx.explainer();
    long[] shape = ctx.batch().shape();
    ShapeTable shapes = explainer.shapes(shape);
    String image = explainer.imageInput();
    String key = "fullgrad|" + ctx.scoreTensor() + "|" + shape[2] + "x" + shape[3]
        + (shapes.batchGeneric() ? "" : "|n" + shape[0]);
    try (SessionCache.Lease<Compiled> lease = explainer.methodResource(key, Compiled.class, () -> {
      List<BiasLayers.BiasLayer> layers = BiasLayers.find(explainer.model().graph(), shapes, image, ctx.scoreTensor());
      List<String> wrt = new ArrayList<>(List.of(image));
      layers.forEach(l -> wrt.add(l.tensor()));
      GradientGraph g = new GradientCompiler().compile(explainer.model(), shapes,
          GradientRequest.builder(ctx.scoreTensor()).wrt(wrt).extension(new FullGradExtension(image, layers)).build());
      return new Compiled(g, new OnnxSession(g.model(), explainer.threads()), layers);
    })) {
      Compiled c = lease.get();
      List<Explanation> out = new ArrayList<>();
      int per = ctx.batch().itemSize();
      int chunk = shapes.batchGeneric() ? Explainer.MAX_GRADIENT_CHUNK : (int) shape[0];
      for (int start = 0; start < ctx.size(); start += chunk) {
        int end = Math.min(ctx.size(), start + chunk);
        long[] s = shape.clone();
        s[0] = end - start;
        FloatTensor part = new FloatTensor(s, Arrays.copyOfRange(ctx.batch().data(), start * per, end * per));
        out.addAll(run(ctx, c, part, start));
      }
      return out;
    }
  }

  private List<Explanation> run(MethodContext ctx, Compiled c, FloatTensor batch, int first) {
    GradientGraph g = c.graph();
    int n = (int) batch.dim(0);
    int height = (int) batch.dim(2);
    int width = (int) batch.dim(3);
    int classes = g.classCount();
    float[] seed = new float[n * classes];
    float[] top1 = new float[n];
    for (int i = 0; i < n; i++) {
      Target t = ctx.target(first + i);
      Target.Seed s = t.seed(classes, t.needsScores() ? ctx.originalScores().item(first + i).data() : null);
      System.arraycopy(s.weights(), 0, seed, i * classes, classes);
      top1[i] = s.top1Weight();
    }
    Map<String, FloatTensor> feeds = new LinkedHashMap<>();
    feeds.put(g.imageInput(), batch);
    feeds.put(g.seedInput(), new FloatTensor(new long[] {n, classes}, seed));
    feeds.put(g.top1Input(), new FloatTensor(new long[] {n}, top1));
    String prediction = g.modelOutputs().isEmpty() ? g.scoreOutput() : g.modelOutputs().get(0);
    List<String> outputs = new ArrayList<>(List.of(g.scoreOutput()));
    if (!outputs.contains(prediction)) {
      outputs.add(prediction);
    }
    outputs.addAll(g.extensionOutputs().values());
    Map<String, FloatTensor> result = c.session().run(feeds, outputs);
    FloatTensor scores = result.get(g.scoreOutput());
    FloatTensor predictions = result.get(prediction);
    FloatTensor inputPart = result.get(g.extensionOutputs().get(FullGradExtension.INPUT));

    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] sum = inputPart.item(i).data().clone();
      for (int j = 0; j < c.layers().size(); j++) {
        FloatTensor layerPart = result.get(g.extensionOutputs().get(FullGradExtension.layerOutput(j))).item(i);
        int h = (int) layerPart.dim(0);
        int w = (int) layerPart.dim(1);
        float[] resized = h == height && w == width ? layerPart.data()
            : MapOps.resizeBilinear(layerPart.data(), h, w, height, width);
        for (int p = 0; p < sum.length; p++) {
          sum[p] += resized[p];
        }
      }
      out.add(ctx.explanation(name(), first + i, scores.item(i).data(),
          predictions.item(i).data(), null, null, null, null, new FloatTensor(new long[] {height, width}, sum)));
    }
    return out;
  }
}
