package org.gradcam4j.eval.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.Bootstrap;
import org.gradcam4j.eval.run.metrics.MetricRule;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.methods.Methods;

/**
 * Measures how good explanation methods are on a data set: for every image and method the selected
 * {@link Metric}s, then a table of means with bootstrap intervals, per-image JSON and plots.
 *
 * <pre>{@code
 * try (Explainer explainer = Explainer.load(Path.of("model.onnx"))) {
 *   EvaluationResult r = Evaluation.builder(explainer)
 *       .preprocessing(Preprocessing.preset("imagenet"))
 *       .data(EvaluationData.synthetic(0, 500, 64))
 *       .methods(Methods.parseList("gradcam,gradcam++,saliency"))
 *       .output(Path.of("eval-out"))
 *       .build()
 *       .run();
 * }
 * }</pre>
 *
 * <h2>How an image is evaluated</h2>
 * Images are read, resized and cropped ({@link Preprocessing#resizeAndCrop}) and explained in batches
 * of {@link Builder#batchSize}; each method's map is taken at the model-input size
 * ({@link Explanation#displayMap}, scaled to [0, 1]). Ground truth is moved into the same pixel grid
 * ({@link GroundTruth#transformed}; masks through the same resize and crop as the image). The maps explain
 * the top-1 class, or the annotated class ({@link TargetChoice}). The perturbation metrics perturb the
 * cropped image as RGB values in [0, 1] and score it with an {@link ExplainerScorer} (class
 * probabilities), always in batches.
 *
 * <h2>Columns of the results table</h2>
 * {@code loc_iou}, {@code loc_hit}, {@code loc_error_top1} (localisation); {@code pointing_hit} and
 * {@code pointing_hit_exact} (pointing game with and without tolerance); {@code deletion_auc},
 * {@code insertion_auc}; {@code road_morf}, {@code road_lerf}, {@code road_combined};
 * {@code average_drop_pct}, {@code increase_in_confidence_pct}; {@code faithfulness_spearman};
 * {@code sanity_spearman_abs}, {@code sanity_ssim} (after the last cascade step). Hits and errors are
 * 0/1 per image, so their means are rates. Images without ground truth get no localisation or pointing
 * values; {@code loc_error_top1} needs the image's class as well.
 *
 * <h2>Files in the output folder</h2>
 * {@value #JOURNAL_FILE} (one line per finished image), {@code results.md} and {@code results.csv},
 * {@code per_image.json}, {@code timings.md}, {@code plots/deletion.png}, {@code plots/insertion.png},
 * {@code plots/road.png}, and with the sanity check {@code sanity.md}, {@code sanity.csv},
 * {@code plots/sanity_spearman_abs.png} and {@code plots/sanity_ssim.png}.
 *
 * <h2>Interrupting and resuming</h2>
 * Each finished image is appended to the journal at once. Running again with the same output folder
 * skips the images already there (a torn last line is dropped and its image redone) and then writes
 * every summary file from the whole journal, atomically, so the result equals that of an uninterrupted
 * run. The journal's first line records the settings; running with other settings fails with a message
 * naming the difference, unless {@link Builder#restart} discards the old results. The number of images is
 * not a setting: a finished evaluation can be extended to more images.
 */
public final class Evaluation {
  /** The journal's file name in the output folder. */
  public static final String JOURNAL_FILE = "journal.jsonl";
  /** The reference method of the faithfulness metric unless another is set. */
  public static final String DEFAULT_FAITHFULNESS_REFERENCE = "occlusion";

  private final Explainer explainer;
  private final Preprocessing preprocessing;
  private final EvaluationData data;
  private final List<ExplanationMethod> methods;
  private final Set<Metric> metrics;
  private final MetricSettings settings;
  private final ExplanationMethod reference;
  private final TargetChoice target;
  private final List<String> layers;
  private final String scoreTensor;
  private final MethodOptions options;
  private final int batchSize;
  private final Bootstrap bootstrap;
  private final Path output;
  private final boolean restart;
  private final int threads;
  private final int workers;
  private final EvaluationProgress progress;

  private Evaluation(Builder b) {
    this.explainer = Objects.requireNonNull(b.explainer, "explainer");
    this.preprocessing = require(b.preprocessing, "a preprocessing");
    this.data = require(b.data, "data");
    this.output = require(b.output, "an output folder");
    if (b.methods.isEmpty()) {
      throw new GradCamException("no explanation method to evaluate");
    }
    Set<String> names = new HashSet<>();
    for (ExplanationMethod m : b.methods) {
      if (!names.add(m.name())) {
        throw new GradCamException("method '" + m.name() + "' is listed twice");
      }
    }
    this.methods = List.copyOf(b.methods);
    this.settings = b.settings;
    this.target = b.target;
    this.layers = List.copyOf(b.layers);
    this.scoreTensor = b.scoreTensor;
    this.options = b.options;
    if (b.batchSize < 1) {
      throw new GradCamException("batch size must be at least 1, got " + b.batchSize);
    }
    long fixed = explainer.declaredInputShape()[0];
    if (fixed > 1) {
      throw new GradCamException("the model takes batches of exactly " + fixed + " images; evaluate needs a model"
          + " with a dynamic batch axis or a batch of one");
    }
    this.batchSize = fixed == 1 ? 1 : b.batchSize;
    this.bootstrap = b.bootstrap;
    this.restart = b.restart;
    this.threads = b.threads;
    if (b.workers < 1) {
      throw new GradCamException("need at least one worker thread, got " + b.workers);
    }
    this.workers = b.workers;
    this.progress = b.progress;
    ExplanationMethod ref = b.reference;
    boolean referenceAvailable = ref != null || Methods.names().contains(DEFAULT_FAITHFULNESS_REFERENCE);
    Set<Metric> chosen = b.metrics != null ? EnumSet.copyOf(b.metrics) : defaultMetrics(referenceAvailable);
    if (chosen.isEmpty()) {
      throw new GradCamException("no metric to compute");
    }
    Metric comparing = chosen.stream().filter(m -> m.rule().comparesWithReference()).findFirst().orElse(null);
    if (comparing != null && ref == null) {
      if (!referenceAvailable) {
        throw new GradCamException("the " + comparing.cliName() + " metric compares maps with the '"
            + DEFAULT_FAITHFULNESS_REFERENCE + "' method, which this build does not have; choose another reference"
            + " method or leave " + comparing.cliName() + " out");
      }
      ref = Methods.byName(DEFAULT_FAITHFULNESS_REFERENCE);
    }
    this.metrics = chosen;
    this.reference = comparing != null ? ref : null;
  }

  private static <T> T require(T value, String what) {
    if (value == null) {
      throw new GradCamException("an evaluation needs " + what);
    }
    return value;
  }

  /**
   * The metrics computed unless others are chosen: those {@linkplain MetricRule#onByDefault() on by
   * default} (all but the sanity check, which multiplies the cost), and those that compare with a
   * reference method (faithfulness) only where it is available.
   */
  public static Set<Metric> defaultMetrics(boolean referenceAvailable) {
    Set<Metric> m = EnumSet.noneOf(Metric.class);
    for (Metric metric : Metric.values()) {
      MetricRule rule = metric.rule();
      if (rule.onByDefault() && (referenceAvailable || !rule.comparesWithReference())) {
        m.add(metric);
      }
    }
    return m;
  }

  /** Starts a builder for an evaluation with {@code explainer}. */
  public static Builder builder(Explainer explainer) {
    return new Builder(explainer);
  }

  /** The metrics this evaluation computes. */
  public Set<Metric> metrics() {
    return EnumSet.copyOf(metrics);
  }

  /** Settings of an {@link Evaluation}; only the explainer, preprocessing, data, methods and output are required. */
  public static final class Builder {
    private final Explainer explainer;
    private Preprocessing preprocessing;
    private EvaluationData data;
    private final List<ExplanationMethod> methods = new ArrayList<>();
    private Set<Metric> metrics;
    private MetricSettings settings = MetricSettings.defaults();
    private ExplanationMethod reference;
    private TargetChoice target = TargetChoice.PREDICTION;
    private List<String> layers = List.of();
    private String scoreTensor;
    private MethodOptions options = MethodOptions.defaults();
    private int batchSize = 16;
    private Bootstrap bootstrap = Bootstrap.defaults();
    private Path output;
    private boolean restart;
    private int threads;
    private int workers = Runtime.getRuntime().availableProcessors();
    private EvaluationProgress progress = EvaluationProgress.NONE;

    private Builder(Explainer explainer) {
      this.explainer = explainer;
    }

    /** How images become model inputs; its resize and crop also place the ground truth. */
    public Builder preprocessing(Preprocessing p) {
      this.preprocessing = p;
      return this;
    }

    /** The images. */
    public Builder data(EvaluationData d) {
      this.data = d;
      return this;
    }

    /** The methods to compare (names must differ), e.g. from {@link Methods#parseList}. */
    public Builder methods(List<ExplanationMethod> m) {
      this.methods.clear();
      this.methods.addAll(m);
      return this;
    }

    /** Which metrics to compute (default: {@link Evaluation#defaultMetrics}). */
    public Builder metrics(Set<Metric> m) {
      this.metrics = m == null ? null : EnumSet.copyOf(m);
      return this;
    }

    /** Thresholds, steps, baselines, percentages and sanity-check depth. */
    public Builder metricSettings(MetricSettings s) {
      this.settings = Objects.requireNonNull(s);
      return this;
    }

    /** The map the faithfulness metric correlates with (default: the {@code occlusion} method). */
    public Builder faithfulnessReference(ExplanationMethod m) {
      this.reference = m;
      return this;
    }

    /** Which class the maps explain (default: the top-1 prediction). */
    public Builder target(TargetChoice t) {
      this.target = Objects.requireNonNull(t);
      return this;
    }

    /** Target layers of the layer methods (default: the model's default layer). */
    public Builder layers(List<String> l) {
      this.layers = List.copyOf(l);
      return this;
    }

    /** The tensor to explain and to take probabilities from (default: the model's, see {@link ExplainerScorer}). */
    public Builder scoreTensor(String s) {
      this.scoreTensor = s;
      return this;
    }

    /** Settings of the methods that have any. */
    public Builder methodOptions(MethodOptions o) {
      this.options = Objects.requireNonNull(o);
      return this;
    }

    /** Images explained together (default 16; 1 for a model with a fixed batch of one). */
    public Builder batchSize(int n) {
      this.batchSize = n;
      return this;
    }

    /** Resamples, coverage and seed of the intervals in the tables (default 1000, 95 %, 0). */
    public Builder bootstrap(Bootstrap b) {
      this.bootstrap = Objects.requireNonNull(b);
      return this;
    }

    /** The output folder (created if needed). */
    public Builder output(Path dir) {
      this.output = dir;
      return this;
    }

    /** Discard the results of an earlier run in the output folder instead of continuing it. */
    public Builder restart(boolean r) {
      this.restart = r;
      return this;
    }

    /** ONNX Runtime threads for the randomised models of the sanity check (0: its default). */
    public Builder threads(int n) {
      this.threads = n;
      return this;
    }

    /**
     * Threads that compute the metrics of the maps side by side (default: one per processor). The
     * results do not depend on it.
     */
    public Builder workers(int n) {
      this.workers = n;
      return this;
    }

    /** Where progress is reported. */
    public Builder progress(EvaluationProgress p) {
      this.progress = Objects.requireNonNull(p);
      return this;
    }

    /** Checks the settings. */
    public Evaluation build() {
      return new Evaluation(this);
    }
  }

  // ---------------------------------------------------------------- running

  /** Evaluates every image not yet in the journal, then writes the summary files. */
  public EvaluationResult run() {
    AtomicFiles.ensureWritableDirectory(output);
    ExplainerScorer scorer = new ExplainerScorer(explainer, preprocessing, scoreTensor);
    ObjectNode fingerprint = RunSettings.fingerprint(explainer, preprocessing, data, methods, target, layers,
        scorer.scoreTensor(), options, metrics, settings, reference);
    List<String> sanitySteps;
    int evaluatedNow = 0;
    List<ImageRecord> records;
    try (Journal journal = Journal.open(output.resolve(JOURNAL_FILE), fingerprint, restart);
        ParallelMetrics imageMetrics = new ParallelMetrics(workers,
            () -> new MetricWorker(metrics, settings, scorer));
        BatchEvaluator batches = new BatchEvaluator(explainer, preprocessing, data, methods, reference, target,
            layers, scoreTensor, options, imageMetrics, metrics, settings, threads)) {
      if (restart) {
        // Only now, holding the journal's lock: another evaluation's files are never removed.
        clearOutputs();
      }
      sanitySteps = batches.modelMetricSteps();
      Set<String> done = journal.done();
      List<Integer> todo = new ArrayList<>();
      for (int i = 0; i < data.size(); i++) {
        if (!done.contains(data.id(i))) {
          todo.add(i);
        }
      }
      int total = data.size();
      int finished = total - todo.size();
      progress.started(total, finished);
      for (int start = 0; start < todo.size(); start += batchSize) {
        List<Integer> chunk = todo.subList(start, Math.min(todo.size(), start + batchSize));
        journal.append(batches.evaluate(chunk));
        evaluatedNow += chunk.size();
        finished += chunk.size();
        progress.advanced(finished, total);
      }
      progress.finished();
      records = inDataOrder(journal.records());
    }
    SummaryWriter writer = new SummaryWriter(output, methods.stream().map(ExplanationMethod::name).toList(),
        settings, bootstrap, sanitySteps);
    return writer.write(records, evaluatedNow);
  }

  private void clearOutputs() {
    for (String name : SummaryWriter.OUTPUTS) {
      Path p = output.resolve(name);
      try {
        if (Files.isDirectory(p)) {
          try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
              Files.deleteIfExists(f);
            }
          }
        } else {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        throw new GradCamException("Cannot remove the earlier result " + p + ": " + e.getMessage(), e);
      }
    }
  }

  /** The journal's records of the current data's images, in data order (the last record of an image wins). */
  private List<ImageRecord> inDataOrder(List<ImageRecord> all) {
    Map<String, ImageRecord> byId = new LinkedHashMap<>();
    for (ImageRecord r : all) {
      byId.put(r.image(), r);
    }
    List<ImageRecord> out = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      ImageRecord r = byId.get(data.id(i));
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
