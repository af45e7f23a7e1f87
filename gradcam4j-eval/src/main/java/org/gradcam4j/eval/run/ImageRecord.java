package org.gradcam4j.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.eval.report.PerImageResults;

/**
 * Everything an evaluation found for one image: one line of the journal. Values that are undefined
 * (NaN) are stored as JSON {@code null}.
 *
 * @param image the image's id in its data set
 * @param predicted the model's top-1 class
 * @param explained the class the maps explain
 * @param trueClasses the annotated classes (empty when unknown)
 * @param methods per method, in the evaluation's order
 * @param sanity per method, the sanity-check similarities (empty for images outside the check)
 */
record ImageRecord(String image, int predicted, int explained, List<Integer> trueClasses,
    Map<String, MethodResult> methods, Map<String, SanityCheck.Result> sanity) {

  /**
   * One method's values for the image.
   *
   * @param metrics metric name to value, in table order
   * @param curves named curves (deletion, insertion, road_morf, road_lerf)
   * @param explainMs time to explain the image, in milliseconds
   * @param metricsMs time to compute its metrics, in milliseconds
   */
  record MethodResult(Map<String, Double> metrics, Map<String, PerImageResults.Curve> curves, double explainMs,
      double metricsMs) {}

  ObjectNode toJson() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode r = f.objectNode();
    r.put("image", image);
    r.put("predicted", predicted);
    r.put("explained", explained);
    ArrayNode t = r.putArray("true_classes");
    trueClasses.forEach(t::add);
    ObjectNode ms = r.putObject("methods");
    methods.forEach((name, m) -> {
      ObjectNode o = ms.putObject(name);
      ObjectNode metrics = o.putObject("metrics");
      m.metrics().forEach((k, v) -> putNumber(metrics, k, v));
      ObjectNode curves = o.putObject("curves");
      m.curves().forEach((k, c) -> {
        ObjectNode co = curves.putObject(k);
        putArray(co.putArray("x"), c.x());
        putArray(co.putArray("y"), c.y());
      });
      putNumber(o, "explain_ms", m.explainMs());
      putNumber(o, "metrics_ms", m.metricsMs());
    });
    if (!sanity.isEmpty()) {
      ObjectNode s = r.putObject("sanity");
      sanity.forEach((name, v) -> {
        ObjectNode o = s.putObject(name);
        putArray(o.putArray("spearman_abs"), v.spearmanAbs());
        putArray(o.putArray("spearman"), v.spearman());
        putArray(o.putArray("ssim"), v.ssim());
      });
    }
    return r;
  }

  /** Reads a record written by {@link #toJson}; fails with IllegalArgumentException on anything else. */
  static ImageRecord fromJson(JsonNode r) {
    if (!r.isObject() || !r.path("image").isTextual() || !r.path("methods").isObject()) {
      throw new IllegalArgumentException("not an image record");
    }
    List<Integer> trueClasses = new ArrayList<>();
    r.path("true_classes").forEach(n -> trueClasses.add(n.asInt()));
    Map<String, MethodResult> methods = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = r.path("methods").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode o = e.getValue();
      Map<String, Double> metrics = new LinkedHashMap<>();
      o.path("metrics").fields().forEachRemaining(m -> metrics.put(m.getKey(), number(m.getValue())));
      Map<String, PerImageResults.Curve> curves = new LinkedHashMap<>();
      o.path("curves").fields().forEachRemaining(c -> curves.put(c.getKey(),
          new PerImageResults.Curve(numbers(c.getValue().path("x")), numbers(c.getValue().path("y")))));
      methods.put(e.getKey(), new MethodResult(metrics, curves, number(o.path("explain_ms")),
          number(o.path("metrics_ms"))));
    }
    Map<String, SanityCheck.Result> sanity = new LinkedHashMap<>();
    r.path("sanity").fields().forEachRemaining(e -> sanity.put(e.getKey(), new SanityCheck.Result(
        numbers(e.getValue().path("spearman_abs")), numbers(e.getValue().path("spearman")),
        numbers(e.getValue().path("ssim")))));
    return new ImageRecord(r.path("image").asText(), r.path("predicted").asInt(-1), r.path("explained").asInt(-1),
        trueClasses, methods, sanity);
  }

  private static void putNumber(ObjectNode node, String name, double v) {
    if (Double.isFinite(v)) {
      node.put(name, v);
    } else {
      node.putNull(name);
    }
  }

  /**
   * Adds the values as doubles (Jackson writes the shortest text that parses back to the same double,
   * so a resumed run reads exactly what was computed); NaN and infinities become null.
   */
  static void putArray(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
  }

  private static double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : Double.NaN;
  }

  private static double[] numbers(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = number(array.get(i));
    }
    return out;
  }
}
