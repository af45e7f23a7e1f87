package org.gradcam4j.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.AttentionLayers;
import org.gradcam4j.onnx.ChannelsLast;
import org.gradcam4j.onnx.ModelAnalysis;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TokenGrid;
import org.gradcam4j.onnx.proto.Onnx;
import org.gradcam4j.targets.Target;

/**
 * A model prepared for explanation and everything needed to run it: what its input and default score
 * tensor are, the shapes of its tensors per input size, and the sessions built so far (compiled
 * gradient graphs, plain forward passes, resources of individual methods), kept for reuse until
 * {@link #close()}. Safe to use from several threads at once.
 */
public final class ModelRuntime implements AutoCloseable {
  /** Largest batch sent through a gradient graph in one run (bounds native memory). */
  public static final int MAX_GRADIENT_CHUNK = 64;

  /** Replaced only to add spatial views of token layers (see {@link #resolveLayer}). */
  private volatile OnnxModel model;
  private final String imageInput;
  private final long[] declaredShape;
  private final String defaultScore;
  private final int threads;
  private final Device device;
  private final GradientCompiler compiler = new GradientCompiler();
  private final Map<String, ShapeTable> shapeTables = new HashMap<>();
  private final SessionCache<GradientSession> gradientSessions = new SessionCache<>(8);
  private final SessionCache<OnnxSession> forwardSessions = new SessionCache<>(2);
  private final SessionCache<AutoCloseable> methodResources = new SessionCache<>(8);
  private final AtomicLong forwardImages = new AtomicLong();
  private final PhaseTimes phases = new PhaseTimes();

  /**
   * Prepares {@code original} for explanation (opset raised, weights no longer listed as inputs);
   * {@code threads} is the intra-op thread count of every session (0 = ONNX Runtime's choice).
   */
  public ModelRuntime(OnnxModel original, int threads) {
    this(original, threads, Device.CPU);
  }

  /** As {@link #ModelRuntime(OnnxModel, int)}, with every session on {@code device}. */
  public ModelRuntime(OnnxModel original, int threads, Device device) {
    this.device = device;
    // An image model with a channels-last input is fed channels-first like any other (see ChannelsLast);
    // only here, where the input is known to be an image, not for every model prepared.
    this.model = phases.time("prepare model", () -> ModelPreparer.prepare(
        original.withProto(ChannelsLast.toChannelsFirst(original.proto()))));
    this.imageInput = ModelAnalysis.imageInput(model.graph()).getName();
    this.declaredShape = ModelAnalysis.declaredInputShape(model.graph());
    this.defaultScore = ModelAnalysis.defaultScoreTensor(model.graph());
    this.threads = threads;
  }

  /** Where the preparation time went so far (prepare, probe, compile, sessions). */
  public PhaseTimes phases() {
    return phases;
  }

  /** The model as prepared for explanation. */
  public OnnxModel model() {
    return model;
  }

  public String imageInput() {
    return imageInput;
  }

  /** The intra-op thread count of this runtime's sessions (0 = ONNX Runtime's choice). */
  public int threads() {
    return threads;
  }

  /** Where this runtime's sessions run. */
  public Device device() {
    return device;
  }

  /** Declared input shape [N, C, H, W], -1 where symbolic. */
  public long[] declaredInputShape() {
    return declaredShape.clone();
  }

  /** The batch size the model's input requires, or 0 when it accepts any. */
  public int fixedBatchSize() {
    return declaredShape[0] > 0 ? (int) declaredShape[0] : 0;
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

  /** A user-given score tensor checked against the model, or the default one for {@code null}. */
  public String scoreTensor(String scoreTensor) {
    if (scoreTensor == null) {
      return defaultScore;
    }
    if (!model.graph().hasTensor(scoreTensor)) {
      throw new GradCamException("Unknown output '" + scoreTensor + "': the model has no tensor of that name."
          + " Its outputs are: " + String.join(", ", outputNames()) + " (default: " + defaultScore + ")");
    }
    return scoreTensor;
  }

  /**
   * Resolves a user-given layer name (tensor or node), or the default when {@code null}. A token
   * tensor of a vision transformer resolves to its spatial view [N, C, h, w], added to the model on
   * first use (see {@link TokenGrid}); a transformer's default layer is the normalisation before its
   * last attention block.
   */
  public String resolveLayer(String layer, long[] inputShape, String scoreTensor) {
    String score = scoreTensor(scoreTensor);
    ShapeTable shapes = shapes(inputShape);
    Optional<TokenGrid> grid = TokenGrid.of(model.graph(), shapes);
    String name = layer != null ? ModelAnalysis.resolveLayer(model.graph(), shapes, score, layer)
        : grid.flatMap(g -> AttentionLayers.defaultLayer(model.graph(), shapes, score, g))
            .orElseGet(() -> ModelAnalysis.defaultLayer(model.graph(), shapes, score));
    Optional<TokenGrid.Layout> layout = grid.flatMap(g -> g.layout(model.graph(), shapes, name));
    return layout.isPresent() ? addSpatialView(name, layout.get()) : name;
  }

  /** Adds the spatial view of a token tensor to the model; shapes are probed again to include it. */
  private synchronized String addSpatialView(String tensor, TokenGrid.Layout layout) {
    OnnxModel viewed = TokenGrid.withSpatialView(model, tensor, layout);
    if (viewed != model) {
      synchronized (shapeTables) {
        model = viewed;
        shapeTables.clear();
      }
    }
    return TokenGrid.viewName(tensor);
  }

  /** Layers resolved to tensor names; the default layer when none is given. */
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

  /** Number of scores per image in the score tensor (the class count of a classifier). */
  public int classCount(long[] inputShape, String scoreTensor) {
    return Math.toIntExact(shapes(inputShape).shape(scoreTensor(scoreTensor)).elementCountFrom(1));
  }

  /** Shapes of every tensor for this input size (cached; learned by a probe run). */
  public ShapeTable shapes(long[] inputShape) {
    checkInputShape(inputShape);
    String key = inputShape[2] + "x" + inputShape[3];
    synchronized (shapeTables) {
      ShapeTable t = shapeTables.get(key);
      if (t == null) {
        long[] probeShape = inputShape.clone();
        if (declaredShape[0] > 0) {
          probeShape[0] = declaredShape[0];
        }
        t = phases.time("probe shapes", () -> ShapeProbe.probe(model, imageInput, probeShape, declaredShape[0] <= 0));
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

  // ---------------------------------------------------------------- gradient graphs

  /** Compiles the gradient graph of {@code request} for images of this shape without a session (for exporting). */
  public GradientGraph compile(GradientRequest request, long[] inputShape) {
    return compiler.compile(model, shapes(inputShape), request);
  }

  /**
   * The session of a gradient graph for exactly this input shape, batch size included. A graph whose
   * shapes are all static lets ONNX Runtime keep element-wise operations between convolutions in its
   * blocked channel layout (it cannot prove that two symbolic batch sizes are equal), which makes
   * input gradients through a MobileNet about an eighth faster. The price is one session per batch
   * size in use, typically the requested one and the remainder of the last batch.
   */
  private SessionCache.Lease<GradientSession> gradientSession(GradientRequest request, long[] inputShape) {
    String key = request.cacheKey() + "|" + inputShape[0] + "x" + inputShape[2] + "x" + inputShape[3];
    return gradientSessions.acquire(key, () -> {
      ShapeTable shapes = staticShapes(inputShape);
      GradientGraph g = phases.time("compile gradients", () -> compiler.compile(model, shapes, request));
      return new GradientSession(g, phases.time("create sessions", () -> new OnnxSession(g.model(), threads, device)));
    });
  }

  /**
   * Runs the gradient graph of {@code request} on a batch, seeding each image from its target (one per
   * image, or one for all), in chunks of at most {@link #MAX_GRADIENT_CHUNK} images.
   */
  public GradientRun runGradients(FloatTensor batch, GradientRequest request, List<Target> targets) {
    int n = (int) batch.dim(0);
    if (targets.size() != 1 && targets.size() != n) {
      throw new GradCamException("Got " + targets.size() + " targets for " + n + " images");
    }
    if (!request.top1Seed()) {
      throw new IllegalArgumentException("a top-1 target is seeded inside the graph: the request needs top1Seed");
    }
    if (n <= MAX_GRADIENT_CHUNK) {
      return runGradientsOnce(batch, request, targets);
    }
    List<GradientRun> parts = new ArrayList<>();
    for (int start = 0; start < n; start += MAX_GRADIENT_CHUNK) {
      int end = Math.min(n, start + MAX_GRADIENT_CHUNK);
      parts.add(runGradientsOnce(batch.paddedSlice(start, end, end - start), request,
          targets.size() == 1 ? targets : targets.subList(start, end)));
    }
    return GradientRun.concat(parts);
  }

  private GradientRun runGradientsOnce(FloatTensor batch, GradientRequest request, List<Target> targets) {
    int n = (int) batch.dim(0);
    try (SessionCache.Lease<GradientSession> lease = gradientSession(request, batch.shape())) {
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
      return lease.get().run(batch, request, seed, top1);
    }
  }

  // ---------------------------------------------------------------- plain forward passes

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
    float[][] rows = new float[(int) batch.dim(0)][];
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
        () -> phases.time("create sessions", () -> new OnnxSession(withOutputs(extra), threads, device)))) {
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
      g.addOutput(Onnx.ValueInfoProto.newBuilder().setName(t).setType(Onnx.TypeProto.newBuilder()));
    }
    return model.withProto(model.proto().toBuilder().setGraph(g).build());
  }

  // ---------------------------------------------------------------- method resources

  /**
   * A native resource that a method derives from this model, such as the session of a partial model
   * (Ablation-CAM's head): built by {@code factory} on first use of {@code key} and kept until evicted
   * or until {@link #close()}. Keys must say everything the value was built for (layer, score tensor,
   * input size); close the lease when done.
   */
  public <V extends AutoCloseable> SessionCache.Lease<V> methodResource(String key, Class<V> type,
      Supplier<V> factory) {
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
    gradientSessions.close();
    forwardSessions.close();
    methodResources.close();
  }
}
