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
 * into the model input's pixel grid, has the maps scored ({@link ParallelMetrics}) and, for the first
 * images, runs the sanity check.
 */
final class BatchEvaluator {
  private final Explainer explainer;
  private final Preprocessing preprocessing;
  private final EvaluationData data;
  private final List<ExplanationMethod> methods;
  private final ExplanationMethod reference;
  private final TargetChoice target;
  private final List<String> layers;
  private final String scoreTensor;
  private final MethodOptions options;
  private final int sanityImages;
  private final ParallelMetrics imageMetrics;
  private final SanityCheck sanity;

  /**
   * @param reference the faithfulness reference method, or {@code null}
   * @param sanity the sanity check, or {@code null} when it is not run
   */
  BatchEvaluator(Explainer explainer, Preprocessing preprocessing, EvaluationData data,
      List<ExplanationMethod> methods, ExplanationMethod reference, TargetChoice target, List<String> layers,
      String scoreTensor, MethodOptions options, int sanityImages, ParallelMetrics imageMetrics,
      SanityCheck sanity) {
    this.explainer = explainer;
    this.preprocessing = preprocessing;
    this.data = data;
    this.methods = methods;
    this.reference = reference;
    this.target = target;
    this.layers = layers;
    this.scoreTensor = scoreTensor;
    this.options = options;
    this.sanityImages = sanityImages;
    this.imageMetrics = imageMetrics;
    this.sanity = sanity;
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
    List<ImageMetrics.Input> inputs = new ArrayList<>(n);
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
      inputs.add(new ImageMetrics.Input(ImageTensors.fromRgb(crops.get(i)), truth, explained[i], classCorrect));
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
    if (sanity != null) {
      addSanity(indices, batch, request, explained, maps, records);
    }
    return records;
  }

  /** Runs the sanity check on the images of the batch that are among the first {@code sanityImages}. */
  private void addSanity(List<Integer> indices, FloatTensor batch, ExplainRequest request, int[] explained,
      Map<String, List<SaliencyMap>> maps, List<ImageRecord> records) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < indices.size(); i++) {
      if (indices.get(i) < sanityImages) {
        positions.add(i);
      }
    }
    if (positions.isEmpty()) {
      return;
    }
    int item = batch.itemSize();
    float[] sub = new float[positions.size() * item];
    int[] classes = new int[positions.size()];
    Map<String, List<SaliencyMap>> originals = new LinkedHashMap<>();
    for (int k = 0; k < positions.size(); k++) {
      int i = positions.get(k);
      System.arraycopy(batch.data(), i * item, sub, k * item, item);
      classes[k] = explained[i];
    }
    maps.forEach((name, list) -> originals.put(name, positions.stream().map(list::get).toList()));
    long[] shape = batch.shape().clone();
    shape[0] = positions.size();
    Map<String, List<ImageRecord.SanityResult>> results = sanity.evaluate(new FloatTensor(shape, sub), methods,
        request, classes, originals);
    for (int k = 0; k < positions.size(); k++) {
      ImageRecord r = records.get(positions.get(k));
      for (ExplanationMethod m : methods) {
        ImageRecord.SanityResult s = results.get(m.name()).get(k);
        r.sanity().put(m.name(), s);
        int last = s.ssim().length - 1;
        r.methods().get(m.name()).metrics().put(Columns.SANITY_SPEARMAN, s.spearmanAbs()[last]);
        r.methods().get(m.name()).metrics().put(Columns.SANITY_SSIM, s.ssim()[last]);
      }
    }
  }
}
