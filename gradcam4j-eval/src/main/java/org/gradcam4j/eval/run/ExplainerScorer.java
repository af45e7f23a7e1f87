package org.gradcam4j.eval.run;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.ClassScorer;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.math.Softmax;

/**
 * The model as the perturbation metrics see it: batches of RGB images with values in [0, 1] (the
 * space the metrics perturb in, so that a zero baseline is black and ROAD's noise is in the paper's
 * units) are normalised as {@link Preprocessing#normalize} does, run forward through the
 * {@link Explainer}, and scored as class probabilities: the softmax of the score tensor, or the
 * score tensor itself when a Softmax produces it.
 *
 * <p>It runs the same forward session the explanation methods use for scores, so evaluating does not
 * build a second one. A model with a fixed batch size of one is fed one image at a time.
 */
public final class ExplainerScorer implements ClassScorer {
  private static final Set<String> PASS_THROUGH = Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze");

  private final Explainer explainer;
  private final Preprocessing preprocessing;
  private final String scoreTensor;
  private final boolean probabilities;
  private final int fixedBatch;
  private final AtomicLong calls = new AtomicLong();
  private final AtomicLong images = new AtomicLong();

  /**
   * @param scoreTensor the tensor whose softmax is the class probability; {@code null} for the
   *     explainer's default (for a model ending in Softmax, the Softmax's input)
   */
  public ExplainerScorer(Explainer explainer, Preprocessing preprocessing, String scoreTensor) {
    this.explainer = explainer;
    this.preprocessing = preprocessing;
    this.scoreTensor = scoreTensor != null ? scoreTensor : explainer.defaultScoreTensor();
    GraphView graph = explainer.model().graph();
    if (!graph.hasTensor(this.scoreTensor)) {
      throw new GradCamException("Unknown output '" + this.scoreTensor + "': the model has no tensor of that name."
          + " Its outputs are: " + String.join(", ", explainer.outputNames()));
    }
    this.probabilities = producedBySoftmax(graph, this.scoreTensor);
    long n = explainer.declaredInputShape()[0];
    this.fixedBatch = n > 0 ? (int) n : 0;
  }

  private static boolean producedBySoftmax(GraphView graph, String tensor) {
    String t = tensor;
    for (int guard = 0; guard < 16; guard++) {
      NodeProto p = graph.producer(t);
      if (p == null) {
        return false;
      }
      if (p.getOpType().equals("Softmax") && p.getDomain().isEmpty()) {
        return true;
      }
      if (!PASS_THROUGH.contains(p.getOpType())) {
        return false;
      }
      t = p.getInput(0);
    }
    return false;
  }

  /** The tensor the scores come from. */
  public String scoreTensor() {
    return scoreTensor;
  }

  /** Whether the score tensor already holds probabilities (no softmax is applied). */
  public boolean scoresAreProbabilities() {
    return probabilities;
  }

  @Override
  public float[] score(FloatTensor batch, int[] classes) {
    float[][] p = probabilities(batch);
    if (classes.length != p.length) {
      throw new GradCamException(classes.length + " classes for a batch of " + p.length + " images");
    }
    float[] out = new float[p.length];
    for (int i = 0; i < p.length; i++) {
      if (classes[i] < 0 || classes[i] >= p[i].length) {
        throw new GradCamException("class " + classes[i] + " is out of range: the score tensor '" + scoreTensor
            + "' has " + p[i].length + " classes");
      }
      out[i] = p[i][classes[i]];
    }
    return out;
  }

  /** The class probabilities of each image of a batch {@code [B, 3, H, W]} in [0, 1] RGB. */
  public float[][] probabilities(FloatTensor batch) {
    if (batch.rank() != 4 || batch.dim(1) != 3) {
      throw new GradCamException("expected a batch of RGB images [B, 3, H, W], got " + batch);
    }
    int b = (int) batch.dim(0);
    calls.incrementAndGet();
    images.addAndGet(b);
    FloatTensor input = normalise(batch);
    float[][] rows = new float[b][];
    int chunk = fixedBatch > 0 ? fixedBatch : b;
    if (fixedBatch > 0 && b % fixedBatch != 0) {
      throw new GradCamException("the model takes batches of exactly " + fixedBatch + " images; got " + b);
    }
    int item = input.itemSize();
    for (int start = 0; start < b; start += chunk) {
      FloatTensor part = input;
      if (chunk != b) {
        long[] shape = input.shape().clone();
        shape[0] = chunk;
        part = new FloatTensor(shape, java.util.Arrays.copyOfRange(input.data(), start * item, (start + chunk) * item));
      }
      FloatTensor scores = explainer.forward(part, List.of(scoreTensor)).get(scoreTensor);
      int k = scores.data().length / chunk;
      for (int i = 0; i < chunk; i++) {
        float[] row = java.util.Arrays.copyOfRange(scores.data(), i * k, (i + 1) * k);
        rows[start + i] = probabilities ? row : softmax(row);
      }
    }
    return rows;
  }

  /** Model calls so far (each a whole batch). */
  public long calls() {
    return calls.get();
  }

  /** Images scored so far. */
  public long imagesScored() {
    return images.get();
  }

  private FloatTensor normalise(FloatTensor batch) {
    float[] src = batch.data();
    float[] out = new float[src.length];
    int b = (int) batch.dim(0);
    int plane = (int) (batch.dim(2) * batch.dim(3));
    float divisor = preprocessing.divisor();
    float[] mean = preprocessing.mean();
    float[] std = preprocessing.std();
    for (int n = 0; n < b; n++) {
      int base = n * 3 * plane;
      for (int c = 0; c < 3; c++) {
        int from = base + preprocessing.channelOrder().sourceChannel(c) * plane;
        int to = base + c * plane;
        float m = mean[c];
        float s = std[c];
        for (int i = 0; i < plane; i++) {
          // Same order of operations as Preprocessing's value table, on 0..255 levels.
          float t = src[from + i] * 255f / divisor;
          t = t - m;
          out[to + i] = t / s;
        }
      }
    }
    return new FloatTensor(batch.shape().clone(), out);
  }

  static float[] softmax(float[] logits) {
    return Softmax.toFloat(Softmax.of(logits));
  }

}
