package org.gradcam4j.eval.run;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.run.metrics.MetricRule;
import org.gradcam4j.eval.run.metrics.MetricSettings;
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

  /**
   * Everything that changes the per-image values; batch sizes, threads and image count do not. Each
   * chosen metric adds its own settings ({@link MetricRule#recordSettings}), in table order.
   */
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
    for (Metric metric : metrics) {
      MetricRule rule = metric.rule();
      rule.recordSettings(settings, s);
      if (rule.comparesWithReference() && reference != null) {
        // The reference method is a setting of the run, recorded with the metric that uses it.
        s.put("faithfulness_reference", reference.name());
      }
    }
    return s;
  }
}
