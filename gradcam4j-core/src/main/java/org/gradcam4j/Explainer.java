package org.gradcam4j;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExportedExplainer;
import org.gradcam4j.methods.MethodContext;
import org.gradcam4j.methods.MethodPlan;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.Device;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * An ONNX image classifier loaded for explanation. Load once, explain many batches; safe to use
 * from several threads at once. Compiled graphs are built on first use for each (method, layer,
 * score tensor, input size) and cached by the {@link ModelRuntime}; {@link #close()} releases all
 * native resources.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.load(Path.of("model.onnx"))) {
 *   List<Explanation> maps = explainer.explain(batch, ExplainRequest.gradCam());
 * }
 * }</pre>
 */
public final class Explainer implements AutoCloseable {
  private final ModelRuntime runtime;

  private Explainer(OnnxModel original, int threads, Device device) {
    this.runtime = new ModelRuntime(original, threads, device);
  }

  /** Loads an ONNX file; ONNX Runtime picks the number of threads. */
  public static Explainer load(Path onnxFile) {
    return new Explainer(OnnxModel.load(onnxFile), 0, Device.CPU);
  }

  /** Wraps a loaded model; {@code threads} is the intra-op thread count (0 = ONNX Runtime's choice). */
  public static Explainer of(OnnxModel model, int threads) {
    return new Explainer(model, threads, Device.CPU);
  }

  /**
   * Wraps a loaded model whose sessions run on {@code device}: {@link Device#CPU} or a CUDA GPU, which
   * needs the {@code onnxruntime_gpu} build of ONNX Runtime (without it the first session fails with a
   * {@link GradCamException} that says what is missing).
   */
  public static Explainer of(OnnxModel model, int threads, Device device) {
    return new Explainer(model, threads, device);
  }

  /** The model with its sessions: shapes, layers, plain forward passes, gradient runs. */
  public ModelRuntime runtime() {
    return runtime;
  }

  /** The model as prepared for explanation (opset raised, weights no longer listed as inputs). */
  public OnnxModel model() {
    return runtime.model();
  }

  /** The model's outputs, in order. */
  public List<String> outputNames() {
    return runtime.outputNames();
  }

  public String defaultScoreTensor() {
    return runtime.defaultScoreTensor();
  }

  /** Declared input shape [N, C, H, W], -1 where symbolic. */
  public long[] declaredInputShape() {
    return runtime.declaredInputShape();
  }

  /** The spatial input size the model requires, or {@code null} when it accepts any. */
  public int[] fixedInputSize() {
    return runtime.fixedInputSize();
  }

  /** Shapes of every tensor for this input size. */
  public ShapeTable shapes(long[] inputShape) {
    return runtime.shapes(inputShape);
  }

  /** Resolves a user-given layer name (tensor or node), or the default when {@code null}. */
  public String resolveLayer(String layer, long[] inputShape, String scoreTensor) {
    return runtime.resolveLayer(layer, inputShape, scoreTensor);
  }

  /** Plain forward pass returning the requested tensors (outputs or intermediate values). */
  public Map<String, FloatTensor> forward(FloatTensor batch, List<String> tensors) {
    return runtime.forward(batch, tensors);
  }

  // ---------------------------------------------------------------- explaining

  /** Starts a request to explain image files (PNG or JPEG). */
  public ImageExplanation explainFiles(List<Path> files) {
    List<String> names = files.stream().map(Explainer::stem).toList();
    return new ImageExplanation(this, names, List.copyOf(files), null);
  }

  /** Starts a request to explain decoded images; {@code names} name them in results. */
  public ImageExplanation explainImages(List<RgbImage> images, List<String> names) {
    if (images.size() != names.size()) {
      throw new GradCamException("Got " + names.size() + " names for " + images.size() + " images");
    }
    return new ImageExplanation(this, names, null, List.copyOf(images));
  }

  private static String stem(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  /** Explains a batch of pre-processed images [N, 3, H, W] with a request's only method, one per image. */
  public List<Explanation> explain(FloatTensor batch, ExplainRequest request) {
    return explainAll(batch, request).get(request.method().name());
  }

  /**
   * Explains a batch with each of the request's methods, sharing gradient runs where they can (see
   * {@link MethodPlan}).
   *
   * @return the explanations by method name, in the order of the request's methods
   */
  public Map<String, List<Explanation>> explainAll(FloatTensor batch, ExplainRequest request) {
    int n = (int) batch.dim(0);
    if (request.targets().size() != 1 && request.targets().size() != n) {
      throw new GradCamException("Got " + request.targets().size() + " targets for " + n + " images");
    }
    String score = runtime.scoreTensor(request.scoreTensor());
    List<String> layers = runtime.resolveLayers(request.layers(), batch.shape(), score);
    return MethodPlan.explainAll(request.methods(),
        new MethodContext(runtime, batch, request.targets(), layers, score, request.options()));
  }

  /**
   * Compiles the graph of a request's method for exporting, without creating a session; the method
   * must be one that can be exported (see {@link ExportedExplainer#request}).
   */
  public GradientGraph compile(ExplainRequest request, long[] inputShape) {
    String score = runtime.scoreTensor(request.scoreTensor());
    String layer = runtime.resolveLayer(request.layer(), inputShape, score);
    return runtime.compile(ExportedExplainer.request(request.method(), score, layer), inputShape);
  }

  @Override
  public void close() {
    runtime.close();
  }
}
