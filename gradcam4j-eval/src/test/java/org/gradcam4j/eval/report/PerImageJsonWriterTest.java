package org.gradcam4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerImageJsonWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesOneRecordPerImageAndMethodWithNullForUndefined() throws Exception {
    PerImageResults r = new PerImageResults();
    r.add("cat.jpg", "gradcam", "deletion_auc", 0.125).add("cat.jpg", "gradcam", "iou", Double.NaN);
    r.addCurve("cat.jpg", "gradcam", "deletion", new double[] {0, 0.5, 1}, new double[] {0.9, 0.2, Double.NaN});
    r.add("cat.jpg", "random", "deletion_auc", 0.5);
    r.add("dog.jpg", "gradcam", "deletion_auc", 0.25);
    Path file = dir.resolve("per_image.json");
    new PerImageJsonWriter().write(file, r);

    JsonNode root = new ObjectMapper().readTree(file.toFile());
    JsonNode records = root.get("records");
    assertThat(records).hasSize(3);
    JsonNode first = records.get(0);
    assertThat(first.get("image").asText()).isEqualTo("cat.jpg");
    assertThat(first.get("method").asText()).isEqualTo("gradcam");
    assertThat(first.get("metrics").get("deletion_auc").asDouble()).isEqualTo(0.125);
    assertThat(first.get("metrics").get("iou").isNull()).isTrue();
    JsonNode curve = first.get("curves").get("deletion");
    assertThat(curve.get("x")).hasSize(3);
    assertThat(curve.get("y").get(1).asDouble()).isEqualTo(0.2);
    assertThat(curve.get("y").get(2).isNull()).isTrue();
    assertThat(records.get(1).get("method").asText()).isEqualTo("random");
    assertThat(records.get(1).has("curves")).isFalse();
    assertThat(records.get(2).get("image").asText()).isEqualTo("dog.jpg");
  }
}
