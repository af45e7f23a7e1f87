package org.gradcam4j;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.methods.AugmentationSmoothing;
import org.gradcam4j.methods.CamExtension;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.GradientCam;
import org.gradcam4j.methods.GradientMethod;
import org.gradcam4j.methods.GradientRun;
import org.gradcam4j.methods.GradientRuns;
import org.gradcam4j.methods.GradientSpec;
import org.gradcam4j.methods.MethodContext;
import org.gradcam4j.onnx.ModelAnalysis;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.SessionCache;
import org.gradcam4j.runtime.ShapeProbe;
import org.gradcam4j.targets.Target;

/**
 * An ONNX image classifier loaded for explanation. Load once, explain many batches; safe to use
 * from several threads at once. Compiled graphs are built on first use for each (method, layer,
 * score tensor, input size) and cached; {@link #close()} releases all native resources.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.load(Path.of("model.onnx"))) {
 *   List<Explanation> maps = explainer.explain(batch, ExplainRequest.gradCam());
 * }
 * }</pre>
 */
public final class Explainer implements AutoCloseable {
  private final OnnxModel model;
  private final String imageInput;
  private final long[] declaredShape;
  private final String defaultScore;
  private final int threads;
  private final GradientCompiler compiler = new GradientCompiler();
  private final Map<String, ShapeTable> shapeTables = new HashMap<>();
  private final SessionCache<CompiledSession> sessions = new SessionCache<>(8);
  private final SessionCache<OnnxSession> forwardSessions = new SessionCache<>(2);
  private final SessionCache<AutoCloseable> methodResources = new SessionCache<>(8);
  private final java.util.concurrent.atomic.AtomicLong forwardImages = new java.util.concurrent.atomic.AtomicLong();

  /** A compiled graph with its session. */
  public record CompiledSession(GradientGraph graph, OnnxSession session) implements AutoCloseable {
    @Override
    public void close() {
      session.close();
    }
  }

  private Explainer(OnnxModel original, int threads) {
    this.model = ModelPreparer.prepare(original);
    this.imageInput = ModelAnalysis.imageInput(model.graph()).getName();
    this.declaredShape = ModelAnalysis.declaredInputShape(model.graph());
    this.defaultScore = ModelAnalysis.defaultScoreTensor(model.graph());
    this.threads = threads;
  }

  /** Loads an ONNX file; ONNX Runtime picks the number of threads. */
  public static Explainer load(Path onnxFile) {
    return new Explainer(OnnxModel.load(onnxFile), 0);
  }

  /** Wraps a loaded model; {@code threads} is the intra-op thread count (0 = ONNX Runtime's choice). */
  public static Explainer of(OnnxModel model, int threads) {
    return new Explainer(model, threads);
  }

  /** The model as prepared for explanation (opset raised, weights no longer listed as inputs). */
  public OnnxModel model() {
    return model;
  }

  public String imageInput() {
    return imageInput;
  }

  /** The intra-op thread count of this explainer's sessions (0 = ONNX Runtime's choice). */
  public int threads() {
    return threads;
  }

  /** Declared input shape [N, C, H, W], -1 where symbolic. */
  public long[] declaredInputShape() {
    return declaredShape.clone();
  }

  /** The spatial input size the model requires, or {@code null} when it accepts any. */
  public int[] fixedInputSize() {
    return declaredShape[2] > 0 && declaredShape[3] > 0
        ? new int[] {(int) declaredShape[2], (int) declaredShape[3]} : null;
  }

  public String defaultScoreTensor() {
    return defaultScore;
  }

  /** The model's outputs, in order. */
  public List<String> outputNames() {
    return model.graph().outputNames();
  }

  /** The default target layer for images of the given input shape. */
  public String defaultLayer(long[] inputShape, String scoreTensor) {
    return ModelAnalysis.defaultLayer(model.graph(), shapes(inputShape), score(scoreTensor));
  }

  /** Resolves a user-given layer name (tensor or node), or the default when {@code null}. */
  public String resolveLayer(String layer, long[] inputShape, String scoreTensor) {
    String score = score(scoreTensor);
    ShapeTable shapes = shapes(inputShape);
    return layer == null ? ModelAnalysis.defaultLayer(model.graph(), shapes, score)
        : ModelAnalysis.resolveLayer(model.graph(), shapes, score, layer);
  }

  private String score(String scoreTensor) {
    if (scoreTensor == null) {
      return defaultScore;
    }
    if (!model.graph().hasTensor(scoreTensor)) {
      throw new GradCamException("Unknown output '" + scoreTensor + "': the model has no tensor of that name."
          + " Its outputs are: " + String.join(", ", outputNames()) + " (default: " + defaultScore + ")");
    }
    return scoreTensor;
  }

  /** Number of scores per image in the score tensor (the class count of a classifier). */
  public int classCount(long[] inputShape, String scoreTensor) {
    return Math.toIntExact(shapes(inputShape).shape(score(scoreTensor)).elementCountFrom(1));
  }

  /** Shapes of every tensor for this input size (cached; learned by a probe run). */
  public ShapeTable shapes(long[] inputShape) {
    checkInputShape(inputShape);
    String key = inputShape[2] + "x" + inputShape[3] + (declaredShape[0] > 0 ? "" : "");
    synchronized (shapeTables) {
      ShapeTable t = shapeTables.get(key);
      if (t == null) {
        long[] probeShape = inputShape.clone();
        if (declaredShape[0] > 0) {
          probeShape[0] = declaredShape[0];
        }
        t = ShapeProbe.probe(model, imageInput, probeShape, declaredShape[0] <= 0);
        shapeTables.put(key, t);
      }
      return t;
    }
  }

  /** Shapes for exactly this input shape, the batch size included, where the model allows it. */
  private ShapeTable staticShapes(long[] inputShape) {
    ShapeTable generic = shapes(inputShape);
    return generic.forBatch(inputShape[0]).orElse(generic);
  }

  private void checkInputShape(long[] shape) {
    if (shape.length != 4) {
      throw new GradCamException("An image batch must be [N, 3, H, W], got " + Arrays.toString(shape));
    }
    for (int i = 1; i < 4; i++) {
      if (declaredShape[i] > 0 && declaredShape[i] != shape[i]) {
        throw new GradCamException("The model needs input shape " + Arrays.toString(declaredShape)
            + " (-1 = any), got " + Arrays.toString(shape) + ": resize or crop the images to "
            + declaredShape[2] + "x" + declaredShape[3]);
      }
    }
    if (declaredShape[0] > 0 && declaredShape[0] != shape[0]) {
      throw new GradCamException("The model only accepts batches of " + declaredShape[0]
          + " images, got " + shape[0]);
    }
  }

  // ---------------------------------------------------------------- compiled graphs

  /** The layers of a request resolved to tensor names (the default layer when none is given). */
  public List<String> resolveLayers(List<String> layers, long[] inputShape, String scoreTensor) {
    if (layers.isEmpty()) {
      return List.of(resolveLayer(null, inputShape, scoreTensor));
    }
    List<String> resolved = new ArrayList<>();
    for (String l : layers) {
      resolved.add(resolveLayer(l, inputShape, scoreTensor));
    }
    return resolved;
  }

  /**
   * Compiles the Grad-CAM-family graph of a request without creating a session (for exporting); the
   * method must be a {@link GradientCam}.
   */
  public GradientGraph compile(ExplainRequest request, long[] inputShape) {
    if (!(request.method() instanceof GradientCam cam)) {
      throw new GradCamException("Only gradient CAM methods (" + String.join(", ", List.of("gradcam", "gradcam++",
          "xgradcam", "hirescam", "layercam")) + ") can be compiled into a standalone graph, not '"
          + request.method().name() + "'");
    }
    String score = score(request.scoreTensor());
    String layer = resolveLayer(request.layer(), inputShape, score);
    GradientRequest gr = GradientRequest.builder(score)
        .wrt(layer)
        .variant(BackwardVariant.STANDARD)
        .extension(new CamExtension(layer, cam.weighting()))
        .build();
    return compiler.compile(model, shapes(inputShape), gr);
  }

  /**
   * The session of a gradient graph for exactly this input shape, batch size included. A graph whose
   * shapes are all static lets ONNX Runtime keep element-wise operations between convolutions in its
   * blocked channel layout (it cannot prove that two symbolic batch sizes are equal), which makes
   * input gradients through a MobileNet about an eighth faster. The price is one session per batch
   * size in use, typically the requested one and the remainder of the last batch.
   */
  private SessionCache.Lease<CompiledSession> compiled(GradientSpec spec, long[] inputShape) {
    String key = spec.cacheKey() + "|" + inputShape[0] + "x" + inputShape[2] + "x" + inputShape[3];
    return sessions.acquire(key, () -> {
      ShapeTable shapes = staticShapes(inputShape);
      GradientRequest.Builder b = GradientRequest.builder(spec.scoreTensor()).wrt(spec.wrt()).variant(spec.variant());
      if (!spec.extensions().isEmpty()) {
        b.extension(org.gradcam4j.methods.Extensions.composite(spec.extensions()));
      }
      GradientGraph g = compiler.compile(model, shapes, b.build());
      return new CompiledSession(g, new OnnxSession(g.model(), threads));
    });
  }

  // ---------------------------------------------------------------- fluent entry points

  /** Starts a request to explain image files (PNG or JPEG). */
  public ImageExplanation explainFiles(List<Path> files) {
    List<String> names = files.stream().map(Explainer::stem).toList();
    return new ImageExplanation(this, names, List.copyOf(files), null);
  }

  /** Starts a request to explain decoded images; {@code names} name them in results. */
  public ImageExplanation explainImages(List<org.gradcam4j.image.RgbImage> images, List<String> names) {
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

  // ---------------------------------------------------------------- running

  /**
   * Explains a batch of pre-processed images [N, 3, H, W] with one method.
   *
   * @return one explanation per image, in order
   */
  public List<Explanation> explain(FloatTensor batch, ExplainRequest request) {
    return explainAll(batch, List.of(request.method()), request).get(request.method().name());
  }

  /**
   * Explains a batch with several methods. Gradient methods that use the same backward rules share
   * one compiled graph and one run, so for example Grad-CAM, Grad-CAM++ and saliency together cost
   * about as much as one of them.
   *
   * @return the explanations by method name, in the order of {@code methods}
   */
  public Map<String, List<Explanation>> explainAll(FloatTensor batch, List<ExplanationMethod> methods,
      ExplainRequest request) {
    long[] shape = batch.shape();
    int n = (int) shape[0];
    if (request.targets().size() != 1 && request.targets().size() != n) {
      throw new GradCamException("Got " + request.targets().size() + " targets for " + n + " images");
    }
    String score = score(request.scoreTensor());
    List<String> layers = resolveLayers(request.layers(), shape, score);
    MethodContext ctx = new MethodContext(this, batch, request.targets(), layers, score, request.options());

    // Plan: one merged spec per backward variant for the gradient methods.
    Map<String, GradientSpec> merged = new LinkedHashMap<>();
    Map<GradientMethod, String> groupOf = new HashMap<>();
    for (ExplanationMethod m : methods) {
      if (m instanceof GradientMethod gm && !AugmentationSmoothing.appliesTo(m, request.options())) {
        GradientSpec spec = gm.spec(ctx);
        String group = spec.variant().key();
        merged.merge(group, spec, GradientSpec::merge);
        groupOf.put(gm, group);
      }
    }
    Map<String, GradientRun> runs = new HashMap<>();
    merged.forEach((group, spec) -> runs.put(group, ctx.runGradients(spec)));

    Map<String, List<Explanation>> result = new LinkedHashMap<>();
    for (ExplanationMethod m : methods) {
      List<Explanation> e;
      if (AugmentationSmoothing.appliesTo(m, request.options())) {
        e = AugmentationSmoothing.explain(m, ctx);
      } else if (m instanceof GradientMethod gm) {
        e = gm.extract(ctx, runs.get(groupOf.get(gm)));
      } else {
        e = m.explain(ctx);
      }
      result.put(m.name(), e);
    }
    return result;
  }

  /**
   * Runs the gradient graph for {@code spec} on a batch, seeding each image from its target, in chunks
   * of at most {@link #MAX_GRADIENT_CHUNK} images.
   */
  public GradientRun runGradients(FloatTensor batch, GradientSpec spec, List<Target> targets) {
    int n = (int) batch.dim(0);
    if (targets.size() != 1 && targets.size() != n) {
      throw new GradCamException("Got " + targets.size() + " targets for " + n + " images");
    }
    if (n <= MAX_GRADIENT_CHUNK) {
      return runGradientsOnce(batch, spec, targets);
    }
    List<GradientRun> parts = new ArrayList<>();
    int per = batch.itemSize();
    for (int start = 0; start < n; start += MAX_GRADIENT_CHUNK) {
      int end = Math.min(n, start + MAX_GRADIENT_CHUNK);
      long[] s = batch.shape().clone();
      s[0] = end - start;
      FloatTensor part = new FloatTensor(s, Arrays.copyOfRange(batch.data(), start * per, end * per));
      parts.add(runGradientsOnce(part, spec, targets.size() == 1 ? targets : targets.subList(start, end)));
    }
    return GradientRuns.concat(parts);
  }

  /** Largest batch sent through a gradient graph in one run (bounds native memory). */
  public static final int MAX_GRADIENT_CHUNK = 64;

  private GradientRun runGradientsOnce(FloatTensor batch, GradientSpec spec, List<Target> targets) {
    long[] shape = batch.shape();
    int n = (int) shape[0];
    try (SessionCache.Lease<CompiledSession> lease = compiled(spec, shape)) {
      GradientGraph g = lease.get().graph();
      int classes = g.classCount();
      boolean needScores = targets.stream().anyMatch(Target::needsScores);
      float[][] forwardScores = needScores ? scoreRows(batch, g.scoreOutput()) : null;
      float[] seed = new float[n * classes];
      float[] top1 = new float[n];
      for (int i = 0; i < n; i++) {
        Target t = targets.size() == 1 ? targets.get(0) : targets.get(i);
        Target.Seed s = t.seed(classes, forwardScores == null ? null : forwardScores[i]);
        System.arraycopy(s.weights(), 0, seed, i * classes, classes);
        top1[i] = s.top1Weight();
      }
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
      if (spec.exposeGradients()) {
        outputs.addAll(g.gradientOutputs().values());
      }
      if (spec.exposeActivations()) {
        outputs.addAll(g.activationOutputs());
      }
      outputs.addAll(g.extensionOutputs().values());
      Map<String, FloatTensor> out = lease.get().session().run(feeds, outputs);
      Map<String, FloatTensor> gradients = new LinkedHashMap<>();
      if (spec.exposeGradients()) {
        g.gradientOutputs().forEach((t, name) -> gradients.put(t, out.get(name)));
      }
      Map<String, FloatTensor> activations = new LinkedHashMap<>();
      if (spec.exposeActivations()) {
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
  }

  /**
   * How many images have gone through plain forward passes so far (perturbation methods such as
   * Score-CAM, occlusion and RISE score many masked copies of each image); for throughput reports.
   */
  public long forwardImageCount() {
    return forwardImages.get();
  }

  /** Runs the model forward and returns, per image, the given tensor's values (flattened). */
  public float[][] scoreRows(FloatTensor batch, String tensor) {
    FloatTensor t = forward(batch, List.of(tensor)).get(tensor);
    float[][] rows = new float[(int) batch.shape()[0]][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = t.item(i).data();
    }
    return rows;
  }

  /**
   * Plain forward pass of the (prepared) model, returning the requested tensors: model outputs or,
   * for other tensors, intermediate values exposed for this purpose.
   */
  public Map<String, FloatTensor> forward(FloatTensor batch, List<String> tensors) {
    checkInputShape(batch.shape());
    List<String> outputs = outputNames();
    List<String> extra = tensors.stream().filter(t -> !outputs.contains(t)).toList();
    String key = String.join(",", extra);
    try (SessionCache.Lease<OnnxSession> lease = forwardSessions.acquire(key,
        () -> new OnnxSession(withOutputs(extra), threads))) {
      forwardImages.addAndGet(batch.dim(0));
      return lease.get().run(Map.of(imageInput, batch), tensors);
    }
  }

  private OnnxModel withOutputs(List<String> extra) {
    if (extra.isEmpty()) {
      return model;
    }
    var g = model.proto().getGraph().toBuilder();
    for (String t : extra) {
      g.addOutput(org.gradcam4j.onnx.proto.Onnx.ValueInfoProto.newBuilder().setName(t)
          .setType(org.gradcam4j.onnx.proto.Onnx.TypeProto.newBuilder()));
    }
    return model.withProto(model.proto().toBuilder().setGraph(g).build());
  }

  /**
   * A native resource that a method derives from this model, such as the session of a partial model
   * (Ablation-CAM's head) or of a gradient graph with method-specific outputs (FullGrad): built by
   * {@code factory} on first use of {@code key} and kept until evicted or until {@link #close()}.
   * Keys must say everything the value was built for (layer, score tensor, input size); close the
   * lease when done.
   */
  public <V extends AutoCloseable> SessionCache.Lease<V> methodResource(String key, Class<V> type,
      java.util.function.Supplier<V> factory) {
    SessionCache.Lease<AutoCloseable> lease = methodResources.acquire(type.getName() + "|" + key, factory::get);
    V value = type.cast(lease.get());
    return new SessionCache.Lease<>() {
      @Override
      public V get() {
        return value;
      }

      @Override
      public void close() {
        lease.close();
      }
    };
  }

  @Override
  public void close() {
    sessions.close();
    forwardSessions.close();
    methodResources.close();
  }
}
