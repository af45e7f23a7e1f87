package org.gradcam4j.eval.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Map;
import org.gradcam4j.io.AtomicFiles;

/**
 * Writes {@link PerImageResults} as JSON (atomically), one record per image and method:
 *
 * <pre>{@code
 * {"records": [
 *   {"image": "cat.jpg", "method": "gradcam",
 *    "metrics": {"deletion_auc": 0.12, "pointing_hit": 1.0, "iou": null},
 *    "curves": {"deletion": {"x": [0.0, 0.01, ...], "y": [0.93, 0.90, ...]}}}
 * ]}
 * }</pre>
 *
 * Undefined values (NaN) are written as {@code null}, since JSON has no NaN; infinities likewise.
 * {@code curves} is present only for records that have curves.
 */
public final class PerImageJsonWriter {
  private final ObjectMapper mapper = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  /** Writes {@code results} to {@code file} (atomically). */
  public void write(Path file, PerImageResults results) {
    ObjectNode root = toJson(results);
    AtomicFiles.write(file, out -> mapper.writeValue(out, root));
  }

  /** The JSON tree that {@link #write} writes. */
  public ObjectNode toJson(PerImageResults results) {
    ObjectNode root = mapper.createObjectNode();
    ArrayNode records = root.putArray("records");
    for (PerImageResults.Entry e : results.entries()) {
      ObjectNode r = records.addObject();
      r.put("image", e.image());
      r.put("method", e.method());
      ObjectNode metrics = r.putObject("metrics");
      for (Map.Entry<String, Double> m : e.metrics().entrySet()) {
        putNumber(metrics, m.getKey(), m.getValue());
      }
      if (!e.curves().isEmpty()) {
        ObjectNode curves = r.putObject("curves");
        for (Map.Entry<String, PerImageResults.Curve> c : e.curves().entrySet()) {
          ObjectNode curve = curves.putObject(c.getKey());
          putArray(curve.putArray("x"), c.getValue().x());
          putArray(curve.putArray("y"), c.getValue().y());
        }
      }
    }
    return root;
  }

  private static void putNumber(ObjectNode node, String name, double v) {
    if (Double.isFinite(v)) {
      node.put(name, v);
    } else {
      node.putNull(name);
    }
  }

  private static void putArray(ArrayNode array, double[] values) {
    for (double v : values) {
      if (Double.isFinite(v)) {
        array.add(v);
      } else {
        array.addNull();
      }
    }
  }
}
