package org.gradcam4j.eval.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.Road;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.MethodOptions;

/**
 * The settings an evaluation's journal records and checks on resume: everything that changes a
 * per-image value. The image count is left out (so an evaluation can be extended), and so are batch
 * sizes, threads and the bootstrap (which only shapes the summary, rebuilt on every run).
 */
final class RunSettings {
  private RunSettings() {}

  /** Everything that changes the per-image values; batch sizes, threads and image count do not. */
  static ObjectNode fingerprint(Explainer explainer, Preprocessing preprocessing, EvaluationData data,
      List<ExplanationMethod> methods, TargetChoice target, List<String> layers, String scoreTensor,
      MethodOptions options, Set<Metric> metrics, MetricSettings settings, ExplanationMethod reference) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode s = f.objectNode();
    s.put("model", explainer.model().fingerprint());
    s.put("preprocessing", preprocessing.toString());
    s.put("data", data.describe());
    ArrayNode classNames = s.putArray("class_names");
    data.classNames().forEach(classNames::add);
    ArrayNode m = s.putArray("methods");
    methods.forEach(x -> m.add(x.name()));
    s.put("target", target.cliName());
    ArrayNode l = s.putArray("layers");
    layers.forEach(l::add);
    s.put("score_tensor", scoreTensor);
    s.put("method_options", options.withBatchSize(0).toString());
    ArrayNode ms = s.putArray("metrics");
    metrics.forEach(x -> ms.add(x.cliName()));
    if (metrics.contains(Metric.LOCALIZATION)) {
      s.put("localization_threshold", settings.localizationThreshold());
      s.put("min_iou", settings.minIou());
    }
    if (metrics.contains(Metric.POINTING)) {
      s.put("pointing_tolerance", settings.pointingTolerance());
    }
    if (metrics.contains(Metric.DELETION) || metrics.contains(Metric.INSERTION)) {
      DeletionInsertion.Settings d = settings.deletionInsertion();
      s.put("deletion_insertion", "steps=" + d.steps() + " pixels_per_step=" + d.pixelsPerStep() + " deletion="
          + d.deletionBaseline().label() + " insertion=" + d.insertionBaseline().label() + " blur_sigma="
          + d.blurSigma() + " tie_seed=" + d.tieSeed());
    }
    if (metrics.contains(Metric.ROAD)) {
      Road.Settings r = settings.road();
      s.put("road", "percentages=" + Arrays.toString(r.percentages()) + " noise=" + r.noiseStd()
          + " seed=" + r.seed());
    }
    if (reference != null) {
      s.put("faithfulness_reference", reference.name());
    }
    if (metrics.contains(Metric.SANITY)) {
      s.put("sanity", "layers=" + settings.sanityLayers() + " images=" + settings.sanityImages() + " seed="
          + settings.sanitySeed());
    }
    return s;
  }
}
