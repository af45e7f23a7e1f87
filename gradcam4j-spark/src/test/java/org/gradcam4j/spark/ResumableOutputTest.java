package org.gradcam4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job that fails half-way and is started again finishes the rest, without redoing or duplicating rows. */
class ResumableOutputTest {
  @TempDir
  Path tmp;

  private final SparkSession spark = LocalSpark.get();

  @Test
  void aFailedRunIsFinishedByTheNextWithoutRedoingOrDuplicatingRows() throws IOException {
    List<Path> files = LocalSpark.syntheticImages(tmp.resolve("images"), 10);
    String out = tmp.resolve("out").toString();
    Dataset<Row> input = ImageListing.paths(spark, tmp.resolve("images").toString());
    SparkExplainer explainer = SparkExplainer.forModel("demo").methods("gradcam,saliency");
    String poisoned = files.get(4).getFileName().toString();

    // First run: the task that meets the 5th image dies (chunks of 3: the second chunk fails).
    ResumableOutput output = new ResumableOutput(spark, out, 3);
    assertThatThrownBy(() -> output.write(input, images -> explainer.explain(images.map(
        (MapFunction<Row, Row>) r -> {
          if (r.getString(0).endsWith(poisoned)) {
            throw new IllegalStateException("executor lost");
          }
          return r;
        }, Encoders.row(images.schema())))))
        .hasStackTraceContaining("executor lost");
    Map<String, Long> firstChunk = chunkFiles(Path.of(out));
    assertThat(firstChunk).isNotEmpty().allSatisfy((name, modified) -> assertThat(name).startsWith("chunk=00001/"));
    assertThat(Path.of(out, "chunk=00002")).as("the failed chunk's leftovers").exists();

    // Second run: skips the three images of the first chunk, deletes the failed chunk's leftovers.
    ResumableOutput.Result r = new ResumableOutput(spark, out, 3).write(input, explainer::explain);
    assertThat(r.skipped()).isEqualTo(3);
    assertThat(r.processed()).isEqualTo(7);
    assertThat(chunkFiles(Path.of(out))).containsAllEntriesOf(firstChunk);

    Dataset<Row> all = spark.read().parquet(out);
    assertThat(all.count()).isEqualTo(20);
    assertThat(all.select("path", "method").distinct().count()).isEqualTo(20);
    assertThat(all.select("path").distinct().count()).isEqualTo(10);
    assertThat(all.filter("error is not null").count()).isZero();

    // A third run finds nothing to do.
    ResumableOutput.Result again = new ResumableOutput(spark, out, 3).write(input, explainer::explain);
    assertThat(again.processed()).isZero();
    assertThat(again.skipped()).isEqualTo(10);
    assertThat(spark.read().parquet(out).count()).isEqualTo(20);
  }

  /** Parquet files of every chunk, with their modification times (a redone chunk would change them). */
  private static Map<String, Long> chunkFiles(Path out) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().endsWith(".parquet")).toList()) {
        String rel = out.relativize(p).toString();
        if (!rel.contains("_temporary")) {
          files.put(rel, Files.getLastModifiedTime(p).toMillis());
        }
      }
    }
    return files;
  }
}
