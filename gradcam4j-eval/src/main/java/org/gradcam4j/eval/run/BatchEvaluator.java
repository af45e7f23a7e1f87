package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.ImageTensors;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.eval.run.metrics.ImageFacts;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.run.metrics.ModelMetric;
import org.gradcam4j.eval.run.metrics.Scores;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;

/**
 * One batch of an {@link Evaluation}: reads and pre-processes the images, explains them with each
 * method (one method at a time, so that each method's time can be reported), moves the ground truth
 * into the model input's pixel grid, has the maps scored ({@link ParallelMetrics}) and then by the
 * chosen {@link ModelMetric}s (the sanity check), which it opens for the run and closes with it.
 */
final class BatchEvaluator implements AutoCloseable {
  private final Explainer explainer;
  private final Preprocessing preprocessing;
  private final EvaluationData data;
  private final List<ExplanationMethod> methods;
  private final ExplanationMethod reference;
  private final TargetChoice target;
  private final List<String> layers;
  private final String scoreTensor;
  private final MethodOptions options;
  private final ParallelMetrics imageMetrics;
  private final List<ModelMetric.Run> modelMetrics = new ArrayList<>();

  /**
   * Opens the chosen model metrics (the sanity check fails here when the model has no layer it can
   * randomise).
   *
   * @param reference the reference method of the metrics that compare with one, or {@code null}
   * @param threads ONNX Runtime threads of the models the model metrics build (0: its default)
   */
  BatchEvaluator(Explainer explainer, Preprocessing preprocessing, EvaluationData data,
      List<ExplanationMethod> methods, ExplanationMethod reference, TargetChoice target, List<String> layers,
      String scoreTensor, MethodOptions options, ParallelMetrics imageMetrics, Set<Metric> metrics,
      MetricSettings settings, int threads) {
    this.explainer = explainer;
    this.preprocessing = preprocessing;
    this.data = data;
    this.methods = methods;
    this.reference = reference;
    this.target = target;
    this.layers = layers;
    this.scoreTensor = scoreTensor;
    this.options = options;
    this.imageMetrics = imageMetrics;
    for (Metric m : metrics) {
      if (m.rule() instanceof ModelMetric model) {
        try {
          modelMetrics.add(model.open(explainer.model(), threads, settings));
        } catch (RuntimeException e) {
          close();
          throw e;
        }
      }
    }
  }

  /** The steps of the model metric's report (the sanity check's cascade), or none. */
  List<String> modelMetricSteps() {
    return modelMetrics.stream().map(ModelMetric.Run::steps).filter(s -> !s.isEmpty()).findFirst().orElse(List.of());
  }

  /** Evaluates the images {@code indices} of the data as one batch; one record per image, in order. */
  List<ImageRecord> evaluate(List<Integer> indices) {
    int n = indices.size();
    List<EvaluationImage> images = new ArrayList<>(n);
    List<RgbImage> crops = new ArrayList<>(n);
    for (int index : indices) {
      EvaluationImage image = data.load(index);
      RgbImage crop = preprocessing.resizeAndCrop(image.image());
      if (!crops.isEmpty() && (crop.width() != crops.get(0).width() || crop.height() != crops.get(0).height())) {
        throw new GradCamException("images " + images.get(0).id() + " and " + image.id() + " are "
            + crops.get(0).width() + "x" + crops.get(0).height() + " and " + crop.width() + "x" + crop.height()
            + " after pre-processing and cannot share a batch; set a crop size");
      }
      images.add(image);
      crops.add(crop);
    }
    FloatTensor batch = FloatTensor.stack(crops.stream().map(preprocessing::normalize).toList());
    int h = crops.get(0).height();
    int w = crops.get(0).width();
    List<Target> targets = new ArrayList<>(n);
    for (EvaluationImage image : images) {
      int label = image.primaryClass();
      targets.add(target == TargetChoice.LABEL && label >= 0 ? Target.classIndex(label) : Target.topPrediction());
    }
    ExplainRequest request = new ExplainRequest(methods.get(0), layers, scoreTensor, targets, options);

    // Each method on its own, so that its time can be reported.
    Map<String, List<SaliencyMap>> maps = new LinkedHashMap<>();
    Map<String, Double> explainMs = new LinkedHashMap<>();
    Map<String, List<Explanation>> explanations = new LinkedHashMap<>();
    for (ExplanationMethod m : methods) {
      long t0 = System.nanoTime();
      List<Explanation> e = explainer.explain(batch, request.withMethod(m));
      explainMs.put(m.name(), (System.nanoTime() - t0) / 1e6 / n);
      explanations.put(m.name(), e);
      maps.put(m.name(), e.stream().map(x -> SaliencyMap.of(x.displayMap(h, w), w, h)).toList());
    }
    List<SaliencyMap> referenceMaps = null;
    if (reference != null) {
      referenceMaps = maps.containsKey(reference.name()) ? maps.get(reference.name())
          : explainer.explain(batch, request.withMethod(reference)).stream()
              .map(x -> SaliencyMap.of(x.displayMap(h, w), w, h)).toList();
    }

    int[] explained = new int[n];
    int[] predicted = new int[n];
    List<ImageFacts> inputs = new ArrayList<>(n);
    List<Map<String, SaliencyMap>> imageMaps = new ArrayList<>(n);
    List<SaliencyMap> references = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      EvaluationImage image = images.get(i);
      Explanation first = explanations.get(methods.get(0).name()).get(i);
      explained[i] = first.targetClass();
      predicted[i] = ArgMax.of(first.scores());
      Set<Integer> trueClasses = image.trueClasses();
      Boolean classCorrect = trueClasses.isEmpty() ? null : trueClasses.contains(predicted[i]);
      GroundTruth truth = null;
      if (image.hasGroundTruth()) {
        InputGeometry geometry = InputGeometry.of(preprocessing, image.image().width(), image.image().height());
        truth = geometry.map(image.truthFor(explained[i]), preprocessing);
      }
      inputs.add(new ImageFacts(ImageTensors.fromRgb(crops.get(i)), truth, explained[i], classCorrect));
      Map<String, SaliencyMap> byMethod = new LinkedHashMap<>();
      for (Map.Entry<String, List<SaliencyMap>> e : maps.entrySet()) {
        byMethod.put(e.getKey(), e.getValue().get(i));
      }
      imageMaps.add(byMethod);
      references.add(referenceMaps == null ? null : referenceMaps.get(i));
    }
    List<Map<String, ImageRecord.MethodResult>> results = imageMetrics.evaluate(inputs, imageMaps, references,
        explainMs);
    List<ImageRecord> records = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      records.add(new ImageRecord(images.get(i).id(), predicted[i], explained[i],
          List.copyOf(images.get(i).trueClasses()), results.get(i), new LinkedHashMap<>()));
    }
    ModelMetric.Batch explainedBatch = new ModelMetric.Batch(indices, batch, request, methods, explained, maps);
    for (ModelMetric.Run run : modelMetrics) {
      run.score(explainedBatch, into(records));
    }
    return records;
  }

  /** Where a model metric's results go: the records of the batch's images. */
  private static ModelMetric.Results into(List<ImageRecord> records) {
    return new ModelMetric.Results() {
      @Override
      public Scores of(int image, String method) {
        ImageRecord.MethodResult r = records.get(image).methods().get(method);
        return new RecordedScores(r.metrics(), r.curves());
      }

      @Override
      public void steps(int image, String method, SanityCheck.Result similarities) {
        records.get(image).sanity().put(method, similarities);
      }
    };
  }

  @Override
  public void close() {
    for (ModelMetric.Run run : modelMetrics) {
      run.close();
    }
  }
}
