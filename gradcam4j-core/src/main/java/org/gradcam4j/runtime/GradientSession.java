package org.gradcam4j.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;

/** A compiled gradient graph with its session: feeds a batch and its seeds, reads back what was asked. */
record GradientSession(GradientGraph graph, OnnxSession session) implements AutoCloseable {

  /**
   * One run over a batch of {@code n} images.
   *
   * @param request the request the graph was compiled for; says which outputs to copy back
   * @param seed the weights of the explained functional, [n, K] flattened
   * @param top1 the weight of each image's highest-scoring class, [n]
   */
  GradientRun run(FloatTensor batch, GradientRequest request, float[] seed, float[] top1) {
    GradientGraph g = graph;
    int n = (int) batch.dim(0);
    int classes = g.classCount();
    Map<String, FloatTensor> feeds = new LinkedHashMap<>();
    feeds.put(g.imageInput(), batch);
    feeds.put(g.seedInput(), new FloatTensor(new long[] {n, classes}, seed));
    feeds.put(g.top1Input(), new FloatTensor(new long[] {n}, top1));
    String prediction = g.modelOutputs().isEmpty() ? g.scoreOutput() : g.modelOutputs().get(0);
    List<String> outputs = new ArrayList<>();
    outputs.add(g.scoreOutput());
    if (!outputs.contains(prediction)) {
      outputs.add(prediction);
    }
    if (request.exposeGradients()) {
      outputs.addAll(g.gradientOutputs().values());
    }
    if (request.exposeActivations()) {
      outputs.addAll(g.activationOutputs());
    }
    outputs.addAll(g.extensionOutputs().values());
    Map<String, FloatTensor> out = session.run(feeds, outputs);
    Map<String, FloatTensor> gradients = new LinkedHashMap<>();
    if (request.exposeGradients()) {
      g.gradientOutputs().forEach((t, name) -> gradients.put(t, out.get(name)));
    }
    Map<String, FloatTensor> activations = new LinkedHashMap<>();
    if (request.exposeActivations()) {
      g.activationOutputs().forEach(t -> activations.put(t, out.get(t)));
    }
    Map<String, FloatTensor> ext = new LinkedHashMap<>();
    g.extensionOutputs().forEach((k, name) -> ext.put(k, out.get(name)));
    FloatTensor scores = out.get(g.scoreOutput());
    FloatTensor scores2d = new FloatTensor(new long[] {n, classes}, scores.data());
    FloatTensor predictions = out.get(prediction);
    return new GradientRun(scores2d, new FloatTensor(new long[] {n, predictions.itemSize()}, predictions.data()),
        gradients, activations, ext);
  }

  @Override
  public void close() {
    session.close();
  }
}
