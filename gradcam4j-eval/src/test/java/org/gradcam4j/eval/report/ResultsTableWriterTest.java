package org.gradcam4j.eval.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gradcam4j.math.Bootstrap;
import org.gradcam4j.math.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsTableWriterTest {
  @TempDir
  Path dir;

  private static ResultsTable table() {
    return new ResultsTable()
        .put("gradcam", "deletion AUC", new Summary(10, 0.1234, 0.1, 0.15))
        .put("gradcam", "pointing", new Summary(8, 0.75, 0.5, 1.0))
        .put("random|baseline", "deletion AUC", new Summary(10, 0.4, 0.35, 0.45));
  }

  @Test
  void markdownCellsAreMeanAndInterval() {
    String md = new ResultsTableWriter(3).markdown(table());
    assertThat(md).isEqualTo("""
        | method | deletion AUC | pointing |
        |---|---:|---:|
        | gradcam | 0.123 [0.100, 0.150] | 0.750 [0.500, 1.000] |
        | random\\|baseline | 0.400 [0.350, 0.450] | n/a |
        """);
  }

  @Test
  void csvKeepsNumbersInTheirOwnColumns() {
    String csv = new ResultsTableWriter().csv(table());
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo(
        "method,deletion AUC,deletion AUC lo,deletion AUC hi,deletion AUC n,pointing,pointing lo,pointing hi,pointing n");
    assertThat(lines.get(1)).isEqualTo("gradcam,0.1234,0.1,0.15,10,0.75,0.5,1.0,8");
    assertThat(lines.get(2)).isEqualTo("random|baseline,0.4,0.35,0.45,10,,,,0");
    assertThat(ResultsTableWriter.csvField("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
  }

  @Test
  void filesAreWrittenWhole() throws Exception {
    ResultsTableWriter writer = new ResultsTableWriter();
    Path md = dir.resolve("out/results.md");
    Path csv = dir.resolve("out/results.csv");
    writer.writeMarkdown(md, table());
    writer.writeCsv(csv, table());
    assertThat(Files.readString(md)).isEqualTo(writer.markdown(table()));
    assertThat(Files.readString(csv)).isEqualTo(writer.csv(table()));
    try (Stream<Path> files = Files.list(dir.resolve("out"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("results.md", "results.csv");
    }
  }

  @Test
  void perImageValuesSummariseIntoATable() {
    PerImageResults r = new PerImageResults();
    r.add("a.png", "gradcam", "hit", 1).add("b.png", "gradcam", "hit", 0)
        .add("c.png", "gradcam", "hit", 1).add("d.png", "gradcam", "hit", Double.NaN);
    r.add("a.png", "random", "hit", 0).add("a.png", "random", "auc", 0.5);
    ResultsTable t = r.summarize(Bootstrap.defaults());
    assertThat(t.methods()).containsExactly("gradcam", "random");
    assertThat(t.metrics()).containsExactly("hit", "auc");
    Summary s = t.get("gradcam", "hit").orElseThrow();
    assertThat(s.n()).isEqualTo(3);
    assertThat(s.mean()).isEqualTo(2 / 3.0);
    assertThat(s.lo()).isBetween(0.0, 2 / 3.0);
    assertThat(s.hi()).isBetween(2 / 3.0, 1.0);
    assertThat(t.get("gradcam", "auc").orElseThrow().n()).isZero();
    assertThat(r.values("random", "auc")).containsExactly(0.5);
  }
}
