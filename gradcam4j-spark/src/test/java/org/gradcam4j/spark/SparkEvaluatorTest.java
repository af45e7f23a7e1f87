package org.gradcam4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.Explainer;
import org.gradcam4j.eval.run.Evaluation;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationImage;
import org.gradcam4j.eval.run.Metric;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.train.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-image metrics equal the library evaluation's; Spark's summary equals the mean over those rows. */
class SparkEvaluatorTest {
  @TempDir
  Path tmp;

  private final SparkSession spark = LocalSpark.get();

  @Test
  void perImageMetricsEqualTheLibrarysAndTheSummaryAveragesThem() throws IOException {
    List<Path> files = LocalSpark.syntheticImages(tmp.resolve("images"), 5);
    Files.writeString(tmp.resolve("images/empty.png"), "");
    Dataset<Row> rows = SparkEvaluator.forModel("demo").methods("gradcam").metrics("deletion,insertion")
        .evaluate(ImageListing.paths(spark, tmp.resolve("images").toString())).cache();
    List<Row> all = rows.collectAsList();
    assertThat(all).hasSize(6);
    assertThat(all.stream().filter(r -> r.getAs("error") != null).toList())
        .singleElement().satisfies(r -> assertThat(r.<String>getAs("error")).contains("empty.png"));

    // The library's evaluation of the same images, read from its journal.
    Map<String, Double> expected = new HashMap<>();
    try (Explainer explainer = Explainer.of(DemoModel.load(), 1)) {
      List<EvaluationImage> images = new ArrayList<>();
      for (Path f : files) {
        images.add(new EvaluationImage(f.getFileName().toString(), ImageDecoder.read(f), List.of()));
      }
      Evaluation.builder(explainer)
          .preprocessing(DemoModel.card().orElseThrow().preprocessing().toPreprocessing())
          .data(new EvaluationData() {
            @Override
            public int size() {
              return images.size();
            }

            @Override
            public String id(int index) {
              return images.get(index).id();
            }

            @Override
            public EvaluationImage load(int index) {
              return images.get(index);
            }

            @Override
            public String describe() {
              return "test images";
            }
          })
          .methods(Methods.parseList("gradcam")).metrics(Set.of(Metric.DELETION, Metric.INSERTION))
          .output(tmp.resolve("library")).build().run();
      List<String> lines = Files.readAllLines(tmp.resolve("library").resolve(Evaluation.JOURNAL_FILE));
      for (String line : lines.subList(1, lines.size())) {
        JsonNode n = new ObjectMapper().readTree(line);
        n.path("methods").path("gradcam").path("metrics").fields().forEachRemaining(e ->
            expected.put(n.path("image").asText() + "|" + e.getKey(), e.getValue().asDouble()));
      }
    }
    double deletionSum = 0;
    int deletionCount = 0;
    for (Row r : all) {
      if (r.getAs("error") != null) {
        continue;
      }
      String name = Path.of(r.<String>getAs("path")).getFileName().toString();
      Map<String, Double> metrics = r.getJavaMap(r.fieldIndex("metrics"));
      assertThat(metrics).containsKeys("deletion_auc", "insertion_auc");
      metrics.forEach((k, v) -> assertThat(v).as(name + " " + k).isCloseTo(expected.get(name + "|" + k), within(1e-5)));
      deletionSum += metrics.get("deletion_auc");
      deletionCount++;
    }

    Row deletion = SparkEvaluator.summary(rows).filter("metric = 'deletion_auc'").collectAsList().get(0);
    assertThat(deletion.<Long>getAs("images")).isEqualTo(5L);
    assertThat(deletion.<Double>getAs("mean")).isCloseTo(deletionSum / deletionCount, within(1e-9));
  }
}
