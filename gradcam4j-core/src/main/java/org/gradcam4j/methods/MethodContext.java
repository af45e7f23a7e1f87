package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.Device;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.runtime.SessionCache;
import org.gradcam4j.targets.Target;

/**
 * What a method sees of one explanation request: the batch, the per-image targets, the resolved
 * layer(s) and score tensor, the options, what it may need to know about the model, and the ways to
 * run it (gradient graphs, plain forward passes in chunks, cached resources of its own).
 */
public final class MethodContext {
  private final ModelRuntime runtime;
  private final FloatTensor batch;
  private final List<Target> targets;
  private final List<String> layers;
  private final String scoreTensor;
  private final MethodOptions options;
  private Map<String, FloatTensor> original;

  /**
   * @param runtime the model and its sessions
   * @param layers the target layers, resolved to tensor names
   * @param scoreTensor the explained tensor, resolved
   */
  public MethodContext(ModelRuntime runtime, FloatTensor batch, List<Target> targets, List<String> layers,
      String scoreTensor, MethodOptions options) {
    this.runtime = runtime;
    this.batch = batch;
    this.targets = List.copyOf(targets);
    this.layers = List.copyOf(layers);
    this.scoreTensor = scoreTensor;
    this.options = options;
  }

  public FloatTensor batch() {
    return batch;
  }

  /** Number of images. */
  public int size() {
    return (int) batch.dim(0);
  }

  public Target target(int i) {
    return targets.size() == 1 ? targets.get(0) : targets.get(i);
  }

  public List<Target> targets() {
    return targets;
  }

  /** The first (usually the only) target layer. */
  public String layer() {
    return layers.get(0);
  }

  public List<String> layers() {
    return layers;
  }

  public String scoreTensor() {
    return scoreTensor;
  }

  public MethodOptions options() {
    return options;
  }

  /** The model as prepared for explanation. */
  public OnnxModel model() {
    return runtime.model();
  }

  public String imageInput() {
    return runtime.imageInput();
  }

  /** The model's first output: the predictions reported with every explanation. */
  public String predictionTensor() {
    return runtime.outputNames().get(0);
  }

  /** Shapes of every tensor of the model for this batch's image size. */
  public ShapeTable shapes() {
    return runtime.shapes(batch.shape());
  }

  /** The intra-op thread count for sessions a method builds itself. */
  public int threads() {
    return runtime.threads();
  }

  /** Where the model's sessions run: methods that build their own sessions use the same device. */
  public Device device() {
    return runtime.device();
  }

  /** Whether the model only takes batches of one fixed size (see {@link #runBatchSize()}). */
  public boolean fixedBatch() {
    return runtime.fixedBatchSize() > 0;
  }

  /**
   * A native resource of a method, such as the session of a partial model, built by {@code factory} on
   * first use of {@code key} and cached with the model; see {@link ModelRuntime#methodResource}.
   */
  public <V extends AutoCloseable> SessionCache.Lease<V> methodResource(String key, Class<V> type,
      Supplier<V> factory) {
    return runtime.methodResource(key, type, factory);
  }

  /** The same request for another batch (e.g. noisy copies), with one target per image of it. */
  public MethodContext withBatch(FloatTensor otherBatch, List<Target> otherTargets) {
    return new MethodContext(runtime, otherBatch, otherTargets, layers, scoreTensor, options);
  }

  /** A gradient request for this context's score tensor, to be completed by the method. */
  public GradientRequest.Builder gradients() {
    return GradientRequest.builder(scoreTensor);
  }

  /** Runs the gradient graph of {@code request} on this context's batch and targets. */
  public GradientRun runGradients(GradientRequest request) {
    return runtime.runGradients(batch, request, targets);
  }

  /** Runs a gradient graph on another batch, in chunks; results concatenated. */
  public GradientRun runGradients(GradientRequest request, FloatTensor images, List<Target> imageTargets) {
    return runtime.runGradients(images, request, imageTargets);
  }

  /**
   * Scores [M, K] of many images, run in chunks of {@link MethodOptions#batchSize()}, or of the
   * model's batch size when its input declares a fixed one.
   */
  public FloatTensor scores(FloatTensor images) {
    int m = (int) images.dim(0);
    int chunk = runBatchSize();
    boolean fixed = fixedBatch();
    List<float[]> rows = new ArrayList<>();
    int k = -1;
    for (int start = 0; start < m; start += chunk) {
      int end = Math.min(m, start + chunk);
      // A fixed-batch model gets full batches: the last one is padded with copies of its last image.
      FloatTensor part = images.paddedSlice(start, end, fixed ? chunk : end - start);
      FloatTensor out = runtime.forward(part, List.of(scoreTensor)).get(scoreTensor);
      k = out.itemSize();
      rows.add(java.util.Arrays.copyOf(out.data(), (end - start) * k));
    }
    float[] all = new float[m * k];
    int offset = 0;
    for (float[] r : rows) {
      System.arraycopy(r, 0, all, offset, r.length);
      offset += r.length;
    }
    return new FloatTensor(new long[] {m, k}, all);
  }

  /**
   * Images per run for methods that score many copies: {@link MethodOptions#batchSize()}, or the
   * model's batch size when its input declares a fixed one.
   */
  public int runBatchSize() {
    int fixed = runtime.fixedBatchSize();
    return fixed > 0 ? fixed : Math.max(1, options.batchSize());
  }

  /** The batch's scores [N, K], from one plain forward pass (computed once per context). */
  public FloatTensor originalScores() {
    FloatTensor s = original().get(scoreTensor);
    return new FloatTensor(new long[] {size(), s.itemSize()}, s.data());
  }

  /** The batch's first model output, flattened per image (computed once per context). */
  public FloatTensor originalPredictions() {
    FloatTensor p = original().get(predictionTensor());
    return new FloatTensor(new long[] {size(), p.itemSize()}, p.data());
  }

  private synchronized Map<String, FloatTensor> original() {
    if (original == null) {
      List<String> tensors = new ArrayList<>(List.of(scoreTensor));
      String prediction = predictionTensor();
      if (!tensors.contains(prediction)) {
        tensors.add(prediction);
      }
      original = runtime.forward(batch, tensors);
    }
    return original;
  }

  /**
   * Targets that pin each image's functional to fixed weights (a top-1 target becomes the class the
   * unperturbed image scores highest), for methods that run perturbed or noisy copies of an image.
   */
  public List<Target> pinnedTargets() {
    FloatTensor scores = originalScores();
    List<Target> pinned = new ArrayList<>();
    for (int i = 0; i < size(); i++) {
      pinned.add(Target.weights(seedVector(i, scores.item(i).data())));
    }
    return pinned;
  }

  /** An explanation whose target fields come from the unperturbed image. */
  public Explanation explanation(String method, int i, String layer, Explanation.Payload payload) {
    return explanation(method, i, originalScores().item(i).data(), originalPredictions().item(i).data(), layer,
        payload);
  }

  /** Plain forward pass of this batch returning the given tensors (activations, outputs). */
  public Map<String, FloatTensor> forward(List<String> tensors) {
    return runtime.forward(batch, tensors);
  }

  /**
   * An explanation with the fields every method fills the same way: target class and score from the
   * image's scores, predictions from the model output.
   */
  public Explanation explanation(String method, int i, float[] scores, float[] predictions, String layer,
      Explanation.Payload payload) {
    Target t = target(i);
    int cls = t.explainedClass(scores);
    // A functional that is not one class is reported by its value (a region's sum, a token's score).
    return new Explanation(method, t, cls, cls >= 0 ? scores[cls] : (float) t.value(scores), layer, scoreTensor, scores,
        predictions, payload);
  }

  /**
   * The explained functional of image {@code i} as weights over its scores, for methods that compare
   * perturbed copies of the image: a top-1 target is fixed to the class the unperturbed image scores
   * highest, so every copy is scored for the same class.
   */
  public float[] seedVector(int i, float[] originalScores) {
    Target.Seed s = target(i).seed(originalScores.length, originalScores);
    float[] w = s.weights().clone();
    if (s.top1Weight() != 0) {
      w[ArgMax.of(originalScores)] += s.top1Weight();
    }
    return w;
  }

  /** {@code sum(seed * scores)}. */
  public static float dot(float[] seed, float[] scores, int offset) {
    double v = 0;
    for (int k = 0; k < seed.length; k++) {
      if (seed[k] != 0) {
        v += (double) seed[k] * scores[offset + k];
      }
    }
    return (float) v;
  }
}
