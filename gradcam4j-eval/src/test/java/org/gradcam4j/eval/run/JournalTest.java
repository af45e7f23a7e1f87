package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.eval.report.PerImageResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
  @TempDir
  Path tmp;

  private static ObjectNode settings(String value) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("model", "abc");
    s.put("steps", value);
    return s;
  }

  private static ImageRecord record(String id, double auc) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("deletion_auc", auc);
    metrics.put("loc_iou", Double.NaN);
    Map<String, PerImageResults.Curve> curves = new LinkedHashMap<>();
    curves.put("deletion", new PerImageResults.Curve(new double[] {0, 1}, new double[] {0.9, 0.1}));
    Map<String, ImageRecord.MethodResult> methods = new LinkedHashMap<>();
    methods.put("gradcam", new ImageRecord.MethodResult(metrics, curves, 1.5, 2.5));
    Map<String, SanityCheck.Result> sanity = new LinkedHashMap<>();
    sanity.put("gradcam", new SanityCheck.Result(new double[] {0.5}, new double[] {0.4}, new double[] {Double.NaN}));
    return new ImageRecord(id, 3, 3, List.of(3), methods, sanity);
  }

  @Test
  void recordsSurviveAReopenWithNaNAsNull() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.records()).isEmpty();
      j.append(List.of(record("a", 0.25), record("b", 0.5)));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).contains(Journal.FORMAT).contains("\"steps\":\"10\"");
    assertThat(lines.get(1)).contains("\"loc_iou\":null");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.done()).containsExactly("a", "b");
      ImageRecord a = j.records().get(0);
      ImageRecord.MethodResult m = a.methods().get("gradcam");
      assertThat(m.metrics().get("deletion_auc")).isEqualTo(0.25);
      assertThat(m.metrics().get("loc_iou")).isNaN();
      assertThat(m.curves().get("deletion").y()).containsExactly(0.9, 0.1);
      assertThat(m.explainMs()).isEqualTo(1.5);
      assertThat(a.sanity().get("gradcam").spearmanAbs()).containsExactly(0.5);
      assertThat(a.sanity().get("gradcam").ssim()[0]).isNaN();
      assertThat(a.trueClasses()).containsExactly(3);
    }
  }

  @Test
  void aTornLastLineIsDroppedAndOverwritten() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      j.append(List.of(record("a", 0.25), record("b", 0.5)));
    }
    String text = Files.readString(file);
    Files.writeString(file, text.substring(0, text.length() - 20));
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.done()).containsExactly("a");
      assertThat(j.droppedTornLines()).isEqualTo(1);
      j.append(List.of(record("b", 0.75)));
    }
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.done()).containsExactly("a", "b");
      assertThat(j.records().get(1).methods().get("gradcam").metrics().get("deletion_auc")).isEqualTo(0.75);
    }
  }

  @Test
  void aTornHeaderMeansNothingWasRecorded() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    Files.writeString(file, "{\"format\":\"gradcam4j-eval");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.records()).isEmpty();
    }
    assertThat(Files.readAllLines(file)).hasSize(1).first().asString().contains("\"steps\":\"10\"");
  }

  @Test
  void otherSettingsAreRefusedUnlessRestarted() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      j.append(List.of(record("a", 0.25)));
    }
    assertThatThrownBy(() -> Journal.open(file, settings("20"), false)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("steps: 10 -> 20").hasMessageContaining("--out").hasMessageContaining("--restart");
    try (Journal j = Journal.open(file, settings("20"), true)) {
      assertThat(j.records()).isEmpty();
    }
    assertThat(Files.readString(file)).contains("\"steps\":\"20\"").doesNotContain("\"image\"");
  }

  @Test
  void damageBeforeTheLastLineIsAnError() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      j.append(List.of(record("a", 0.25), record("b", 0.5), record("c", 0.5)));
    }
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.set(2, "{\"image\": broken");
    Files.write(file, lines);
    assertThatThrownBy(() -> Journal.open(file, settings("10"), false)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("Line 3").hasMessageContaining("damaged");
    // The same damage on the last line is a torn write.
    lines.set(2, "{\"image\":\"b\"}");
    Files.write(file, lines.subList(0, 3));
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThat(j.done()).containsExactly("a");
    }
  }

  @Test
  void aFileThatIsNotAJournalIsNotTouched() throws IOException {
    Path file = tmp.resolve("j.jsonl");
    Files.writeString(file, "{\"something\":\"else\"}\n");
    assertThatThrownBy(() -> Journal.open(file, settings("10"), false)).hasMessageContaining("not an evaluation journal");
    assertThat(Files.readString(file)).isEqualTo("{\"something\":\"else\"}\n");
  }

  @Test
  void twoWritersCannotShareAJournal() {
    Path file = tmp.resolve("j.jsonl");
    try (Journal j = Journal.open(file, settings("10"), false)) {
      assertThatThrownBy(() -> Journal.open(file, settings("10"), false)).hasMessageContaining("Another evaluation");
    }
  }
}
