package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.eval.Baseline;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.MapToMask;
import org.gradcam4j.eval.Infidelity;
import org.gradcam4j.eval.MaxSensitivity;
import org.gradcam4j.eval.Road;
import org.gradcam4j.eval.report.ResultsTableWriter;
import org.gradcam4j.eval.run.Evaluation;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationResult;
import org.gradcam4j.eval.run.Metric;
import org.gradcam4j.eval.run.TargetChoice;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.math.Bootstrap;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code gradcam4j evaluate}: how good are the explanation methods, measured on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    customSynopsis = {"gradcam4j evaluate [-m FILE|NAME] --data DIR|synthetic -o DIR [--methods LIST] [--metrics LIST]"
        + " [OPTIONS]"},
    description = {
      "Measures the quality of explanation methods on a data set. For every image and method it scores the"
          + " map with weakly-supervised localisation, the pointing game, deletion and insertion curves, ROAD,"
          + " average drop / increase in confidence, faithfulness against occlusion and (with --metrics"
          + " ...,sanity) the model-randomisation sanity check. Localisation and the pointing game need ground"
          + " truth; images without it get the other metrics only.",
      "",
      "Data: --data synthetic draws images of the built-in shape benchmark, with exact masks. --data DIR reads"
          + " a folder written by the benchmark's export (ground_truth.csv with masks), or any folder of PNG/JPEG"
          + " images with PASCAL VOC files next to them (photo.xml for photo.jpg) or with the boxes of"
          + " --ground-truth FILE.csv (columns file,label,x0,y0,x1,y1; x1 and y1 exclusive).",
      "",
      "Output in --out: results.md and results.csv (methods x metrics: mean and 95%% bootstrap interval),"
          + " per_image.json, timings.md, plots/*.png and, with the sanity check, sanity.md and sanity.csv."
          + " Every finished image is recorded in journal.jsonl: after an interruption, run the same command"
          + " again and it continues where it stopped. Summary files are only ever replaced whole.",
      ""
    })
final class EvaluateCommand implements Callable<Integer> {
  static final String SYNTHETIC = "synthetic";
  static final int DEFAULT_SYNTHETIC_COUNT = 500;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Mixin
  ModelOptions model;

  @Option(names = "--data", required = true, paramLabel = "DIR|synthetic",
      description = "The images: a folder, or 'synthetic' for the built-in shape benchmark.")
  String data;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR",
      description = "Output folder (created if needed). An unfinished evaluation in it is continued.")
  Path out;

  @Option(names = "--methods", defaultValue = "gradcam", paramLabel = "LIST",
      description = "Comma-separated methods, or 'all' (default: ${DEFAULT-VALUE}). Available: ${COMPLETION-CANDIDATES}.",
      completionCandidates = ExplainCommand.MethodNames.class)
  String methods;

  @Option(names = "--metrics", paramLabel = "LIST",
      description = "Comma-separated metrics, or 'all': ${COMPLETION-CANDIDATES} (default: all but sanity, infidelity and max-sensitivity;"
          + " faithfulness when its reference method is available).",
      completionCandidates = MetricNames.class)
  String metrics;

  @Option(names = "--count", paramLabel = "N",
      description = "Number of images: synthetic images to draw (default: " + DEFAULT_SYNTHETIC_COUNT
          + "), or the first N images of a folder (default: all).")
  Integer count;

  @Option(names = "--seed", defaultValue = "0", paramLabel = "N",
      description = "Synthetic data: which data set to draw (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--image-size", defaultValue = "" + SyntheticDataset.DEFAULT_IMAGE_SIZE, paramLabel = "PIXELS",
      description = "Synthetic data: image side (default: ${DEFAULT-VALUE}). Unless --resize/--crop are given,"
          + " images are fed at the model's fixed input size, or as they are.")
  int imageSize;

  @Option(names = "--ground-truth", paramLabel = "FILE.csv",
      description = "Boxes for a folder of images: file,label,x0,y0,x1,y1 (instead of VOC files next to the images).")
  Path groundTruth;

  @Option(names = "--labels", paramLabel = "FILE",
      description = "Class names, one per line, to map annotation labels that are names to class indices"
          + " (default: a labels file next to the model).")
  Path labels;

  @Option(names = "--target", defaultValue = "top1", paramLabel = "top1|label",
      description = "Class the maps explain: the top-1 prediction, or the annotated class where known"
          + " (default: ${DEFAULT-VALUE}).")
  String target;

  @Mixin
  ExplainedTensorOptions tensors;

  @Mixin
  PreprocessOptions preprocess;

  @Mixin
  MethodOptionsMixin methodOptions;

  @Option(names = "--loc-threshold", defaultValue = "0.15", paramLabel = "F",
      description = "Localisation: binarise the map at this fraction of its maximum (default: ${DEFAULT-VALUE}).")
  double locThreshold;

  @Option(names = "--min-iou", defaultValue = "0.5", paramLabel = "F",
      description = "Localisation: IoU for a hit (default: ${DEFAULT-VALUE}).")
  double minIou;

  @Option(names = "--pointing-tolerance", defaultValue = "15", paramLabel = "PIXELS",
      description = "Pointing game: a hit when the maximum is this close to the object, in model-input pixels"
          + " (default: ${DEFAULT-VALUE}, the paper's; the exact hit is reported too).")
  int pointingTolerance;

  @Option(names = "--seg-threshold", defaultValue = "0.5", paramLabel = "otsu|F",
      description = "Segmentation: binarise the map at Otsu's threshold or at this fraction of its maximum"
          + " (default: ${DEFAULT-VALUE}).")
  String segThreshold;

  @Option(names = "--seg-components", defaultValue = "1", paramLabel = "N",
      description = "Segmentation: keep the N largest connected regions, 0 for all (default: ${DEFAULT-VALUE}).")
  int segComponents;

  @Option(names = "--seg-refine", defaultValue = "none", paramLabel = "guided|none",
      description = "Segmentation: snap the map to the image's edges with a guided filter first, or not"
          + " (default: ${DEFAULT-VALUE}).")
  String segRefine;

  @Option(names = "--steps", defaultValue = "100", paramLabel = "N",
      description = "Deletion/insertion: number of equal steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--pixels-per-step", defaultValue = "0", paramLabel = "N",
      description = "Deletion/insertion: pixels per step instead of --steps (RISE: 224 on 224x224 images).")
  int pixelsPerStep;

  @Option(names = "--deletion-baseline", defaultValue = "zero", paramLabel = "zero|mean|blur",
      description = "What deleted pixels become (default: ${DEFAULT-VALUE}, black).")
  String deletionBaseline;

  @Option(names = "--insertion-baseline", defaultValue = "blur", paramLabel = "zero|mean|blur",
      description = "What insertion starts from (default: ${DEFAULT-VALUE}).")
  String insertionBaseline;

  @Option(names = "--blur-sigma", defaultValue = "5", paramLabel = "PIXELS",
      description = "Sigma of the blur baseline (default: ${DEFAULT-VALUE}).")
  double blurSigma;

  @Option(names = "--road-percentages", defaultValue = "10,20,30,40,50,60,70,80,90", split = ",", paramLabel = "P,..",
      description = "ROAD: percentages of pixels removed (default: ${DEFAULT-VALUE}).")
  double[] roadPercentages;

  @Option(names = "--road-noise", defaultValue = "0.01", paramLabel = "F",
      description = "ROAD: imputation noise, for pixel values in [0, 1] (default: ${DEFAULT-VALUE}).")
  double roadNoise;

  @Option(names = "--faithfulness-reference", defaultValue = Evaluation.DEFAULT_FAITHFULNESS_REFERENCE,
      paramLabel = "METHOD", description = "Faithfulness: the method whose map the others are compared with"
          + " (default: ${DEFAULT-VALUE}).")
  String reference;

  @Option(names = "--sanity-layers", defaultValue = "3", paramLabel = "N",
      description = "Sanity check: randomise this many parametrised layers, one more per step, from the"
          + " output down (default: ${DEFAULT-VALUE}).")
  int sanityLayers;

  @Option(names = "--sanity-images", defaultValue = "16", paramLabel = "N",
      description = "Sanity check: run it on the first N images only (default: ${DEFAULT-VALUE}).")
  int sanityImages;

  @Option(names = "--infidelity-samples", defaultValue = "10", paramLabel = "N",
      description = "Infidelity: Gaussian perturbations per image (default: ${DEFAULT-VALUE}, Captum's).")
  int infidelitySamples;

  @Option(names = "--infidelity-sigma", defaultValue = "0.05", paramLabel = "F",
      description = "Infidelity: standard deviation of the perturbation, for pixel values in [0, 1] (default: ${DEFAULT-VALUE}).")
  double infidelitySigma;

  @Option(names = "--infidelity-normalize", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Infidelity: scale each map by the factor that fits the score changes best first, as Captum's"
          + " normalize=True (default: on; the maps are each scaled to [0, 1], so without it the value mostly"
          + " measures their scale).")
  boolean infidelityNormalize;

  @Option(names = "--sensitivity-samples", defaultValue = "10", paramLabel = "N",
      description = "Max-sensitivity: perturbed copies explained per image (default: ${DEFAULT-VALUE}, Captum's).")
  int sensitivitySamples;

  @Option(names = "--sensitivity-radius", defaultValue = "0.02", paramLabel = "F",
      description = "Max-sensitivity: L-infinity radius of the uniform noise, in model input units"
          + " (default: ${DEFAULT-VALUE}, Captum's).")
  double sensitivityRadius;

  @Option(names = "--sensitivity-images", defaultValue = "16", paramLabel = "N",
      description = "Max-sensitivity: run it on the first N images only (default: ${DEFAULT-VALUE}).")
  int sensitivityImages;

  @Option(names = "--batch-size", defaultValue = "16", paramLabel = "N",
      description = "Images explained per run (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--scorer-batch-size", defaultValue = "32", paramLabel = "N",
      description = "Perturbed images per model run in the perturbation metrics (default: ${DEFAULT-VALUE}).")
  int scorerBatchSize;

  @Option(names = "--workers", paramLabel = "N",
      description = "Threads computing the metrics side by side (default: one per processor); results do not"
          + " depend on it.")
  Integer workers;

  @Option(names = "--bootstrap", defaultValue = "1000", paramLabel = "N",
      description = "Bootstrap resamples for the 95%% intervals (default: ${DEFAULT-VALUE}).")
  int bootstrap;

  @Option(names = "--restart", description = "Discard an earlier evaluation in --out instead of continuing it.")
  boolean restart;

  /** Metric names for the help text. */
  static final class MetricNames implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return Metric.names().iterator();
    }
  }

  @Override
  public Integer call() {
    List<ExplanationMethod> methodList = Methods.parseList(methods);
    Set<Metric> metricSet = metrics == null ? null : Metric.parseList(metrics);
    MetricSettings settings = metricSettings();
    TargetChoice targetChoice = TargetChoice.parse(target);
    boolean synthetic = data.equalsIgnoreCase(SYNTHETIC);
    if (count != null && count < 1) {
      throw new GradCamException("--count must be at least 1");
    }
    if (batchSize < 1 || bootstrap < 1 || (workers != null && workers < 1)) {
      throw new GradCamException("--batch-size, --bootstrap and --workers must be at least 1");
    }
    if (synthetic && (imageSize < SyntheticDataset.MIN_IMAGE_SIZE || imageSize > SyntheticDataset.MAX_IMAGE_SIZE)) {
      throw new GradCamException("--image-size must be " + SyntheticDataset.MIN_IMAGE_SIZE + ".."
          + SyntheticDataset.MAX_IMAGE_SIZE + ", got " + imageSize);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    // The data first: a wrong folder is reported before the model is loaded.
    EvaluationData source = synthetic
        ? EvaluationData.synthetic(seed, count != null ? count : DEFAULT_SYNTHETIC_COUNT, imageSize)
        : EvaluationData.open(Path.of(data), groundTruth, model.labels(labels));
    if (!synthetic && count != null) {
      source = source.first(count);
    }
    try (Explainer explainer = model.explainer()) {
      if (synthetic) {
        feedSyntheticImagesAtTheModelSize(explainer);
      }
      Preprocessing pre = preprocess.resolve(explainer, model.card().preprocessing());
      Evaluation.Builder b = Evaluation.builder(explainer)
          .preprocessing(pre)
          .data(source)
          .methods(methodList)
          .metrics(metricSet)
          .metricSettings(settings)
          .target(targetChoice)
          .layers(tensors.layers(model.card()))
          .scoreTensor(tensors.scoreTensor(model.card()))
          .batchSize(batchSize)
          .methodOptions(methodOptions.resolve(scorerBatchSize))
          .bootstrap(new Bootstrap(bootstrap, 0.95, 0L))
          .output(out)
          .restart(restart)
          .threads(model.threads)
          .workers(workers != null ? workers : Runtime.getRuntime().availableProcessors())
          .progress(ProgressBar.forStderr(spec.commandLine().getErr()));
      if (referenceRequested(metricSet)) {
        if (!Methods.names().contains(reference.trim().toLowerCase(Locale.ROOT))) {
          throw new GradCamException("The faithfulness metric compares maps with --faithfulness-reference '"
              + reference + "', which is not an available method (" + String.join(", ", Methods.names())
              + "); choose another reference or leave faithfulness out of --metrics");
        }
        b.faithfulnessReference(Methods.byName(reference));
      }
      EvaluationResult result = b.build().run();
      stdout.println("Evaluated " + result.images() + " images (" + result.evaluatedNow() + " computed now) with "
          + methodList.size() + (methodList.size() == 1 ? " method" : " methods") + "; results in " + out);
      stdout.print(new ResultsTableWriter(3).markdown(result.table()));
      for (Map.Entry<String, EvaluationResult.Timing> t : result.timings().entrySet()) {
        stdout.println(String.format(Locale.ROOT, "%s: %.1f ms/image to explain, %.1f ms/image for the metrics",
            t.getKey(), t.getValue().explainMs(), t.getValue().metricsMs()));
      }
      stdout.flush();
    }
    return 0;
  }

  /**
   * The reference is looked up when a metric that compares with it (faithfulness) is asked for, or by
   * default when the reference method exists; otherwise the default metric set simply leaves such
   * metrics out.
   */
  private boolean referenceRequested(Set<Metric> metricSet) {
    if (metricSet != null) {
      return metricSet.stream().anyMatch(m -> m.rule().comparesWithReference());
    }
    return !reference.equals(Evaluation.DEFAULT_FAITHFULNESS_REFERENCE)
        || Methods.names().contains(Evaluation.DEFAULT_FAITHFULNESS_REFERENCE);
  }

  /**
   * Synthetic images have no photo size to keep, so unless the user set a resize or crop they are fed
   * at the model's fixed input size, or as drawn when the model takes any size.
   */
  private void feedSyntheticImagesAtTheModelSize(Explainer explainer) {
    preprocess.feedSyntheticImagesAtTheModelSize(explainer, imageSize);
  }

  private MapToMask mapToMask() {
    double threshold;
    try {
      threshold = MapToMask.parseThreshold(segThreshold);
    } catch (IllegalArgumentException e) {
      throw new GradCamException("--seg-threshold: " + e.getMessage());
    }
    if (segComponents < 0) {
      throw new GradCamException("--seg-components must be at least 0 (0 keeps every region), got " + segComponents);
    }
    boolean refine = switch (segRefine.trim().toLowerCase(Locale.ROOT)) {
      case "guided" -> true;
      case "none" -> false;
      default -> throw new GradCamException("--seg-refine must be 'guided' or 'none', got '" + segRefine + "'");
    };
    return new MapToMask(threshold, segComponents, refine);
  }

  private MetricSettings metricSettings() {
    if (steps < 1 || pixelsPerStep < 0 || scorerBatchSize < 1 || !(blurSigma > 0)) {
      throw new GradCamException("--steps and --scorer-batch-size must be at least 1, --pixels-per-step at"
          + " least 0 and --blur-sigma positive");
    }
    if (sanityLayers < 1 || sanityImages < 0 || pointingTolerance < 0) {
      throw new GradCamException("--sanity-layers must be at least 1, --sanity-images and --pointing-tolerance"
          + " at least 0");
    }
    if (!(locThreshold >= 0 && locThreshold < 1) || !(minIou > 0 && minIou <= 1)) {
      throw new GradCamException("--loc-threshold must be in [0, 1) and --min-iou in (0, 1]");
    }
    double[] fractions = new double[roadPercentages.length];
    for (int i = 0; i < fractions.length; i++) {
      if (!(roadPercentages[i] >= 0 && roadPercentages[i] <= 100)) {
        throw new GradCamException("--road-percentages must be between 0 and 100, got " + roadPercentages[i]);
      }
      fractions[i] = roadPercentages[i] / 100;
    }
    if (!(roadNoise >= 0)) {
      throw new GradCamException("--road-noise must be >= 0");
    }
    if (infidelitySamples < 1 || !(infidelitySigma > 0) || sensitivitySamples < 1 || !(sensitivityRadius >= 0)
        || sensitivityImages < 0) {
      throw new GradCamException("--infidelity-samples and --sensitivity-samples must be at least 1,"
          + " --infidelity-sigma positive, --sensitivity-radius and --sensitivity-images at least 0");
    }
    DeletionInsertion.Settings di = DeletionInsertion.Settings.defaults()
        .withSteps(steps)
        .withBaselines(Baseline.parse(deletionBaseline), Baseline.parse(insertionBaseline))
        .withBlurSigma(blurSigma);
    if (pixelsPerStep > 0) {
      di = di.withPixelsPerStep(pixelsPerStep);
    }
    return MetricSettings.defaults()
        .withLocalizationThreshold(locThreshold)
        .withMinIou(minIou)
        .withPointingTolerance(pointingTolerance)
        .withDeletionInsertion(di)
        .withRoad(Road.Settings.defaults().withPercentages(fractions).withNoise(roadNoise))
        .withSanityCheck(sanityLayers, sanityImages)
        .withSegmentation(mapToMask())
        .withInfidelity(new Infidelity.Settings(infidelitySamples, infidelitySigma, infidelityNormalize,
            scorerBatchSize, 0L))
        .withMaxSensitivity(new MaxSensitivity.Settings(sensitivitySamples, sensitivityRadius, sensitivityImages, 0L))
        .withScorerBatchSize(scorerBatchSize);
  }
}
