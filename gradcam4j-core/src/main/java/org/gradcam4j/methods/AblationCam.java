package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.SessionCache;

/**
 * Ablation-CAM (Desai and Ramaswamy 2020, "Ablation-CAM: Visual Explanations for Deep Convolutional
 * Network via Gradient-free Localization"), with pytorch-grad-cam's weights {@code w_k = (y - y_k) / y},
 * where {@code y} is the target score and {@code y_k} the score with channel {@code k} of the layer set
 * to zero; the map is {@code relu(sum_k w_k A_k)}.
 *
 * <p>The ablated activations are scored by the part of the network after the layer only (a
 * {@link HeadModel}, whose session is cached with the model), all channels of an image in
 * batches of {@link MethodOptions#batchSize()}. {@code y} is the head's score of the unablated
 * activation, so that {@code y} and {@code y_k} come from the same computation. A channel that is
 * already all zero is not run: its ablation changes nothing and its weight is 0.
 *
 * <p>Choices: the ablated value is always 0, as in the paper. (pytorch-grad-cam uses 0 when the
 * layer's minimum is 0 and {@code min - 1e7} otherwise.) {@code y} near 0 makes the weights large and
 * a negative {@code y} flips their sign, exactly as the definition does.
 */
public final class AblationCam extends ChannelWeightedCam {
  @Override
  public String name() {
    return "ablationcam";
  }

  @Override
  float[][] weights(MethodContext ctx, String layer, LayerForward forward) {
    long[] inputShape = ctx.batch().shape();
    var shapes = ctx.shapes();
    String key = "ablation-head|" + layer + "|" + ctx.scoreTensor() + "|" + inputShape[2] + "x" + inputShape[3];
    try (SessionCache.Lease<HeadSession> lease = ctx.methodResource(key, HeadSession.class, () -> {
      HeadModel head = HeadModel.cut(ctx.model(), shapes, ctx.imageInput(), layer, ctx.scoreTensor());
      return new HeadSession(head, new OnnxSession(head.model(), ctx.threads(), ctx.device()));
    })) {
      return weights(ctx, lease.get(), forward.activations().get(layer), forward);
    }
  }

  private static float[][] weights(MethodContext ctx, HeadSession head, FloatTensor activations,
      LayerForward forward) {
    int channels = (int) activations.dim(1);
    int plane = (int) (activations.dim(2) * activations.dim(3));
    int chunk = ctx.runBatchSize();
    boolean fixed = ctx.fixedBatch();
    float[][] result = new float[ctx.size()][];
    for (int i = 0; i < ctx.size(); i++) {
      float[] seed = ctx.seedVector(i, forward.scores(i));
      FloatTensor a = activations.item(i);
      FloatTensor image = ctx.batch().item(i);
      // Copy 0 is the unablated activation (for y); copy j > 0 ablates channel ablated.get(j - 1).
      List<Integer> ablated = new ArrayList<>();
      for (int k = 0; k < channels; k++) {
        if (!allZero(a.data(), k * plane, plane)) {
          ablated.add(k);
        }
      }
      float[] scores = new float[ablated.size() + 1];
      for (int start = 0; start <= ablated.size(); start += chunk) {
        int end = Math.min(ablated.size() + 1, start + chunk);
        List<FloatTensor> copies = new ArrayList<>();
        for (int j = start; j < end; j++) {
          float[] copy = a.data().clone();
          if (j > 0) {
            java.util.Arrays.fill(copy, ablated.get(j - 1) * plane, (ablated.get(j - 1) + 1) * plane, 0f);
          }
          copies.add(new FloatTensor(a.shape(), copy));
        }
        FloatTensor batch = FloatTensor.stack(copies);
        // A fixed-batch model gets a full batch: the last one is padded with copies of its last activation.
        float[] out = head.score(fixed ? batch.paddedSlice(0, copies.size(), chunk) : batch, image);
        int k = seed.length;
        for (int j = start; j < end; j++) {
          scores[j] = MethodContext.dot(seed, out, (j - start) * k);
        }
      }
      float y = scores[0];
      float[] w = new float[channels];
      for (int j = 0; j < ablated.size(); j++) {
        w[ablated.get(j)] = (y - scores[j + 1]) / y;
      }
      result[i] = w;
    }
    return result;
  }

  private static boolean allZero(float[] v, int from, int count) {
    for (int p = from; p < from + count; p++) {
      if (v[p] != 0) {
        return false;
      }
    }
    return true;
  }

  /** A head model with its session. */
  record HeadSession(HeadModel head, OnnxSession session) implements AutoCloseable {
    /** The score tensor for a batch of layer activations of one image, flattened. */
    float[] score(FloatTensor layerBatch, FloatTensor image) {
      Map<String, FloatTensor> feeds = new LinkedHashMap<>();
      feeds.put(head.layer(), layerBatch);
      if (head.needsImage()) {
        int m = (int) layerBatch.dim(0);
        float[] repeated = new float[m * image.data().length];
        for (int j = 0; j < m; j++) {
          System.arraycopy(image.data(), 0, repeated, j * image.data().length, image.data().length);
        }
        long[] shape = new long[image.rank() + 1];
        shape[0] = m;
        System.arraycopy(image.shape(), 0, shape, 1, image.rank());
        feeds.put(head.imageInput(), new FloatTensor(shape, repeated));
      }
      String score = head.model().graph().outputNames().get(0);
      return session.run(feeds, List.of(score)).get(score).data();
    }

    @Override
    public void close() {
      session.close();
    }
  }
}
