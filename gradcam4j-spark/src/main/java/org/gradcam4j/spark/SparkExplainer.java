package org.gradcam4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.targets.Target;

/**
 * Explains every image of a {@code Dataset<Row>} with a model: one output row per image and method
 * (see {@link ExplanationRows} for the columns). The input has a {@code path} column and, optionally, the
 * image bytes in {@code content} (as Spark's {@code binaryFile} source gives them); without
 * {@code content} each task reads its images from their paths. A bad image gives a row with an
 * {@code error} message instead of failing the job.
 *
 * <pre>{@code
 * Dataset<Row> images = spark.read().format("binaryFile").option("pathGlobFilter", "*.jpg").load("s3a://bucket/photos");
 * Dataset<Row> maps = SparkExplainer.forModel("s3a://bucket/models/resnet50.onnx")
 *     .methods("gradcam,scorecam")
 *     .explain(images);
 * maps.write().parquet("s3a://bucket/explanations");
 * }</pre>
 *
 * <p>The settings are checked on the driver (which loads the model once to resolve the model card's
 * pre-processing, the layer and the target) before any task starts. Each executor JVM loads the model
 * once ({@link ExecutorModels}) and explains its partitions in batches of {@link #batchSize}.
 */
public final class SparkExplainer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String model;
  private String device = "cpu";
  private int threads;
  private String methods = "gradcam";
  private List<String> layers = List.of();
  private String scoreTensor;
  private String target = "top1";
  private boolean counterfactual;
  private Preprocessing preprocessing;
  private int batchSize = 8;
  private String overlays;

  private SparkExplainer(String model) {
    this.model = model;
  }

  /** See {@link ModelSource#uri()} for what {@code model} may name. */
  public static SparkExplainer forModel(String model) {
    return new SparkExplainer(model);
  }

  /** {@code cpu} (default), {@code cuda} or {@code cuda:N}; CUDA needs the onnxruntime_gpu build. */
  public SparkExplainer device(String d) {
    this.device = d;
    return this;
  }

  /** ONNX Runtime intra-op threads per task; 0 (default) matches the task's cores. */
  public SparkExplainer threads(int n) {
    this.threads = n;
    return this;
  }

  /** Method names, comma-separated, as {@code explain --methods}. */
  public SparkExplainer methods(String names) {
    this.methods = names;
    return this;
  }

  public SparkExplainer layers(List<String> names) {
    this.layers = List.copyOf(names);
    return this;
  }

  public SparkExplainer scoreTensor(String tensor) {
    this.scoreTensor = tensor;
    return this;
  }

  /** {@code top1} or a class index, as {@code explain --target}. */
  public SparkExplainer target(String t) {
    this.target = t;
    return this;
  }

  public SparkExplainer counterfactual(boolean c) {
    this.counterfactual = c;
    return this;
  }

  /** The pre-processing; default: the model card's, else the imagenet preset. */
  public SparkExplainer preprocessing(Preprocessing p) {
    this.preprocessing = p;
    return this;
  }

  /** Images per ONNX Runtime run inside a partition (default 8). */
  public SparkExplainer batchSize(int n) {
    if (n < 1) {
      throw new GradCamException("--batch-size must be at least 1, got " + n);
    }
    this.batchSize = n;
    return this;
  }

  /** Also writes an overlay PNG per image and method into this folder (any Hadoop path), atomically. */
  public SparkExplainer overlays(String dir) {
    this.overlays = dir;
    return this;
  }

  /** The columns of {@link #explain}'s result. */
  public static org.apache.spark.sql.types.StructType schema() {
    return ExplanationRows.SCHEMA;
  }

  /** The explanations of {@code images}, lazily: nothing runs until the result is written or collected. */
  public Dataset<Row> explain(Dataset<Row> images) {
    ImageInput.check(images.schema());
    ExplainPartition.Settings settings = resolve();
    return images.mapPartitions(new ExplainPartition(settings, images.schema()), Encoders.row(ExplanationRows.SCHEMA));
  }

  /** Checks the settings against the model, on the driver, and fixes the defaults the card gives. */
  ExplainPartition.Settings resolve() {
    ModelSource source = new ModelSource(model, device, threads).checked();
    List<ExplanationMethod> chosen = Methods.parseList(methods);
    Target base = Target.parse(target);
    Target explained = counterfactual ? base.counterfactual() : base;
    ExecutorModels.Loaded loaded = ExecutorModels.get(new ModelSource(model, "cpu", threads));
    ResolvedModel resolved = loaded.model();
    Preprocessing pre = preprocessing != null ? preprocessing
        : resolved.preprocessing().orElseGet(() -> Preprocessing.preset("imagenet"));
    int[] fixed = loaded.explainer().fixedInputSize();
    if (fixed != null && pre.crop() > 0 && (fixed[0] != pre.crop() || fixed[1] != pre.crop())) {
      throw new GradCamException("The model needs " + fixed[0] + "x" + fixed[1] + " images but the crop is "
          + pre.crop() + "; use --crop " + fixed[0]);
    }
    String score = scoreTensor != null ? scoreTensor : resolved.scoreTensor().orElse(null);
    List<String> layerNames = !layers.isEmpty() ? layers : resolved.layers();
    if (pre.crop() > 0) {
      long[] shape = {1, 3, pre.crop(), pre.crop()};
      loaded.explainer().runtime().resolveLayers(layerNames, shape, score);
      explained.seed(loaded.explainer().runtime().classCount(shape, score), null);
    }
    List<String> names = new ArrayList<>();
    for (ExplanationMethod m : chosen) {
      names.add(m.name());
    }
    return new ExplainPartition.Settings(source, names, counterfactual ? "-counterfactual" : "", layerNames, score,
        target, counterfactual, new PreprocessingValues(pre), batchSize, overlays, resolved.labels(null));
  }
}
