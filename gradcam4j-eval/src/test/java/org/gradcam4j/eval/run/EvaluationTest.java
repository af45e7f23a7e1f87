package org.gradcam4j.eval.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.MaxSensitivity;
import org.gradcam4j.eval.Road;
import org.gradcam4j.eval.report.ResultsTable;
import org.gradcam4j.eval.run.metrics.ConfidenceMetric;
import org.gradcam4j.eval.run.metrics.DeletionMetric;
import org.gradcam4j.eval.run.metrics.FaithfulnessMetric;
import org.gradcam4j.eval.run.metrics.InsertionMetric;
import org.gradcam4j.eval.run.metrics.LocalizationMetric;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.run.metrics.PointingMetric;
import org.gradcam4j.eval.run.metrics.RoadMetric;
import org.gradcam4j.eval.run.metrics.SanityMetric;
import org.gradcam4j.math.Summary;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.ExplanationMethod;
import org.gradcam4j.methods.Methods;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluation end to end on {@link SquareWorld}, where Grad-CAM's map is the square the model
 * looks at and the "inverse" method's map is everything else.
 */
class EvaluationTest {
  private static final int IMAGES = 12;
  private static Explainer explainer;

  @TempDir
  Path tmp;

  @BeforeAll
  static void load() {
    explainer = Explainer.of(SquareWorld.model(), 1);
  }

  @AfterAll
  static void close() {
    explainer.close();
  }

  private static MetricSettings fastSettings() {
    // 30 steps over 1024 pixels: fractions such as 34/1024 whose shortest text has many digits, so that
    // a journal that did not store numbers exactly would show in the resume test.
    return MetricSettings.defaults()
        .withPointingTolerance(2)
        .withDeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(30))
        .withRoad(Road.Settings.defaults().withPercentages(0.1, 0.3, 0.5, 0.7))
        .withScorerBatchSize(16)
        .withSanityCheck(2, 4)
        .withMaxSensitivity(new MaxSensitivity.Settings(2, 0.02, 4, 0L));
  }

  private Evaluation.Builder builder(EvaluationData data, List<ExplanationMethod> methods, Path out) {
    return Evaluation.builder(explainer)
        .preprocessing(SquareWorld.preprocessing())
        .data(data)
        .methods(methods)
        // The metrics that explain the images again (and would add to the methods' counts) only where asked.
        .metrics(EnumSet.complementOf(EnumSet.of(Metric.SANITY, Metric.MAX_SENSITIVITY)))
        .faithfulnessReference(SquareWorld.brightness())
        .metricSettings(fastSettings())
        .batchSize(5)
        .output(out);
  }

  private static double mean(ResultsTable t, String method, String metric) {
    Summary s = t.get(method, metric).orElseThrow(() -> new AssertionError("no " + metric + " for " + method));
    return s.mean();
  }

  @Test
  void theRightMapBeatsTheWrongOneOnEveryMetricAndAllFilesAreWritten() throws IOException {
    Path out = tmp.resolve("out");
    EvaluationResult r = builder(new SquareWorld.Data(1, IMAGES),
        List.of(Methods.byName("gradcam"), SquareWorld.inverseBrightness()), out).build().run();
    ResultsTable t = r.table();
    assertThat(r.images()).isEqualTo(IMAGES);
    assertThat(r.evaluatedNow()).isEqualTo(IMAGES);
    assertThat(t.methods()).containsExactly("gradcam", "inverse");

    // Ground-truth metrics: Grad-CAM finds every square, the inverse map none.
    assertThat(mean(t, "gradcam", LocalizationMetric.HIT)).isEqualTo(1.0);
    assertThat(mean(t, "gradcam", LocalizationMetric.IOU)).isGreaterThan(0.6);
    assertThat(mean(t, "gradcam", LocalizationMetric.ERROR_TOP1)).isEqualTo(0.0);
    assertThat(mean(t, "inverse", LocalizationMetric.HIT)).isEqualTo(0.0);
    assertThat(mean(t, "inverse", LocalizationMetric.ERROR_TOP1)).isEqualTo(1.0);
    assertThat(mean(t, "gradcam", PointingMetric.HIT_EXACT)).isEqualTo(1.0);
    assertThat(mean(t, "inverse", PointingMetric.HIT)).isEqualTo(0.0);
    // Faithfulness metrics, each in its own direction.
    assertThat(mean(t, "gradcam", DeletionMetric.AUC)).isLessThan(mean(t, "inverse", DeletionMetric.AUC) - 0.2);
    assertThat(mean(t, "gradcam", InsertionMetric.AUC)).isGreaterThan(mean(t, "inverse", InsertionMetric.AUC) + 0.2);
    assertThat(mean(t, "gradcam", RoadMetric.MORF)).isLessThan(mean(t, "inverse", RoadMetric.MORF));
    assertThat(mean(t, "gradcam", RoadMetric.LERF)).isGreaterThan(mean(t, "inverse", RoadMetric.LERF));
    assertThat(mean(t, "gradcam", ConfidenceMetric.AVERAGE_DROP))
        .isLessThan(mean(t, "inverse", ConfidenceMetric.AVERAGE_DROP));
    assertThat(mean(t, "gradcam", FaithfulnessMetric.SPEARMAN)).isGreaterThan(0.5)
        .isGreaterThan(mean(t, "inverse", FaithfulnessMetric.SPEARMAN));
    // Every image counted, with an interval around the mean.
    Summary del = t.get("gradcam", DeletionMetric.AUC).orElseThrow();
    assertThat(del.n()).isEqualTo(IMAGES);
    assertThat(del.lo()).isLessThanOrEqualTo(del.mean());
    assertThat(del.hi()).isGreaterThanOrEqualTo(del.mean());

    // The files: CSV and Markdown agree with the table, the JSON has every image, the plots are PNGs.
    List<String> csv = Files.readAllLines(out.resolve("results.csv"));
    assertThat(csv).hasSize(3);
    List<String> header = List.of(csv.get(0).split(","));
    String[] gradcam = csv.get(1).split(",", -1);
    assertThat(gradcam[0]).isEqualTo("gradcam");
    assertThat(Double.parseDouble(gradcam[header.indexOf(DeletionMetric.AUC)]))
        .isEqualTo(mean(t, "gradcam", DeletionMetric.AUC));
    String md = Files.readString(out.resolve("results.md"));
    assertThat(md).contains("| gradcam |").contains("| inverse |").contains("`deletion_auc` (lower is better)");
    JsonNode json = new ObjectMapper().readTree(out.resolve("per_image.json").toFile());
    assertThat(json.path("records")).hasSize(2 * IMAGES);
    JsonNode first = json.path("records").get(0);
    assertThat(first.path("image").asText()).isEqualTo("square-0");
    assertThat(first.path("predicted").asInt()).isEqualTo(0);
    assertThat(first.path("true_classes").get(0).asInt()).isEqualTo(0);
    assertThat(first.path("curves").path("deletion").path("y")).hasSize(31);
    for (String png : List.of("plots/deletion.png", "plots/insertion.png", "plots/road.png")) {
      RgbImage plot = ImageDecoder.read(out.resolve(png));
      assertThat(plot.width()).as(png).isEqualTo(800);
    }
    assertThat(Files.readString(out.resolve("timings.md"))).contains("| gradcam |");
    assertThat(r.files()).contains("results.md", "results.csv", "per_image.json", "plots/deletion.png");
    assertThat(Files.readAllLines(out.resolve(Evaluation.JOURNAL_FILE))).hasSize(IMAGES + 1);
  }

  @Test
  void anInterruptedRunResumesWithoutRedoingFinishedImagesAndEndsAsAnUninterruptedOne() throws IOException {
    // One worker here, three below: the values must not depend on it. Every metric, the sanity check
    // included, so that each of the summary files compared below is written.
    Set<Metric> metrics = EnumSet.allOf(Metric.class);
    Path whole = tmp.resolve("whole");
    builder(new SquareWorld.Data(2, IMAGES), List.of(Methods.byName("gradcam"), SquareWorld.inverseBrightness()),
        whole).metrics(metrics).workers(1).build().run();

    // The same evaluation, "killed" while writing the record of the sixth image.
    Path cut = tmp.resolve("cut");
    builder(new SquareWorld.Data(2, IMAGES), List.of(Methods.byName("gradcam"), SquareWorld.inverseBrightness()),
        cut).metrics(metrics).build().run();
    Path journal = cut.resolve(Evaluation.JOURNAL_FILE);
    List<String> lines = Files.readAllLines(journal);
    String kept = String.join("\n", lines.subList(0, 6)) + "\n" + lines.get(6).substring(0, lines.get(6).length() / 2);
    Files.writeString(journal, kept);
    List<String> summaries = List.of("results.csv", "results.md", "per_image.json", "sanity.csv");
    for (String f : summaries) {
      Files.delete(cut.resolve(f));
    }

    SquareWorld.Data data = new SquareWorld.Data(2, IMAGES);
    SquareWorld.Counting gradcam = new SquareWorld.Counting(Methods.byName("gradcam"));
    List<int[]> progress = new ArrayList<>();
    EvaluationResult r = builder(data, List.of(gradcam, SquareWorld.inverseBrightness()), cut)
        .metrics(metrics).workers(3)
        .progress(new EvaluationProgress() {
          @Override
          public void started(int total, int alreadyDone) {
            progress.add(new int[] {alreadyDone, total});
          }

          @Override
          public void advanced(int done, int total) {
            progress.add(new int[] {done, total});
          }
        })
        .build().run();
    // Five images were complete in the journal; the torn sixth and the rest are computed.
    assertThat(gradcam.images.get()).isEqualTo(IMAGES - 5);
    assertThat(data.loads.get()).isEqualTo(IMAGES - 5);
    assertThat(r.evaluatedNow()).isEqualTo(IMAGES - 5);
    assertThat(progress.get(0)).containsExactly(5, IMAGES);
    assertThat(progress.get(progress.size() - 1)).containsExactly(IMAGES, IMAGES);
    assertThat(Files.readAllLines(journal)).hasSize(IMAGES + 1).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
    int compared = 0;
    for (String f : summaries) {
      if (Files.exists(whole.resolve(f))) {
        assertThat(Files.readString(cut.resolve(f))).as(f).isEqualTo(Files.readString(whole.resolve(f)));
        compared++;
      }
    }
    // With every metric on, every summary file is written, and the resumed run rewrote every one.
    assertThat(compared).as("summary files compared").isEqualTo(summaries.size());

    // Running again finds nothing to do and writes the same summary.
    SquareWorld.Counting again = new SquareWorld.Counting(Methods.byName("gradcam"));
    EvaluationResult rerun = builder(new SquareWorld.Data(2, IMAGES), List.of(again, SquareWorld.inverseBrightness()),
        cut).metrics(metrics).build().run();
    assertThat(again.images.get()).isZero();
    assertThat(rerun.evaluatedNow()).isZero();
    assertThat(Files.readString(cut.resolve("results.csv"))).isEqualTo(Files.readString(whole.resolve("results.csv")));
  }

  @Test
  void resumingWithOtherSettingsFailsUnlessRestarted() throws IOException {
    Path out = tmp.resolve("out");
    List<ExplanationMethod> methods = List.of(Methods.byName("gradcam"));
    builder(new SquareWorld.Data(3, 3), methods, out).build().run();

    Evaluation changed = builder(new SquareWorld.Data(3, 3), methods, out)
        .metricSettings(fastSettings().withDeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(8)))
        .build();
    assertThatThrownBy(changed::run).isInstanceOf(GradCamException.class)
        .hasMessageContaining("other settings")
        .hasMessageContaining("steps=30")
        .hasMessageContaining("steps=8")
        .hasMessageContaining("--restart");
    String journalBefore = Files.readString(out.resolve(Evaluation.JOURNAL_FILE));
    assertThatThrownBy(builder(new SquareWorld.Data(3, 3), List.of(Methods.byName("gradcam++")), out).build()::run)
        .hasMessageContaining("methods: [\"gradcam\"] -> [\"gradcam++\"]");
    // A refused run leaves the journal alone.
    assertThat(Files.readString(out.resolve(Evaluation.JOURNAL_FILE))).isEqualTo(journalBefore);

    SquareWorld.Counting counting = new SquareWorld.Counting(Methods.byName("gradcam"));
    EvaluationResult r = builder(new SquareWorld.Data(3, 3), List.of(counting), out)
        .metricSettings(fastSettings().withDeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(8)))
        .restart(true).build().run();
    assertThat(counting.images.get()).isEqualTo(3);
    JsonNode json = new ObjectMapper().readTree(out.resolve("per_image.json").toFile());
    assertThat(json.path("records").get(0).path("curves").path("deletion").path("y")).hasSize(9);
    assertThat(r.images()).isEqualTo(3);

    // More images with the same settings extend the evaluation.
    SquareWorld.Counting more = new SquareWorld.Counting(Methods.byName("gradcam"));
    EvaluationResult extended = builder(new SquareWorld.Data(3, 5), List.of(more), out)
        .metricSettings(fastSettings().withDeletionInsertion(DeletionInsertion.Settings.defaults().withSteps(8)))
        .build().run();
    assertThat(more.images.get()).isEqualTo(2);
    assertThat(extended.images()).isEqualTo(5);
  }

  @Test
  void sanityCheckSeparatesAModelDependentMethodFromOneThatIgnoresTheModel() throws IOException {
    Path out = tmp.resolve("sanity");
    EvaluationResult r = builder(new SquareWorld.Data(4, 6),
        List.of(Methods.byName("gradcam"), SquareWorld.inverseBrightness()), out)
        .metrics(EnumSet.of(Metric.SANITY, Metric.POINTING))
        .build().run();
    ResultsTable t = r.table();
    // The inverse map is a function of the pixels only: randomising the model cannot change it.
    assertThat(mean(t, "inverse", SanityMetric.SSIM)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mean(t, "inverse", SanityMetric.SPEARMAN_ABS)).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(mean(t, "gradcam", SanityMetric.SSIM)).isLessThan(0.9);
    // Only the first four images are checked (the setting), all six get the pointing game.
    assertThat(t.get("gradcam", SanityMetric.SSIM).orElseThrow().n()).isEqualTo(4);
    assertThat(t.get("gradcam", PointingMetric.HIT).orElseThrow().n()).isEqualTo(6);

    String sanityCsv = Files.readString(out.resolve("sanity.csv"));
    assertThat(sanityCsv.lines().findFirst().orElseThrow()).contains("ssim @ fc_w", "spearman_abs @ bright_w");
    assertThat(Files.readString(out.resolve("sanity.md"))).contains("| gradcam |", "| inverse |");
    for (String png : List.of("plots/sanity_ssim.png", "plots/sanity_spearman_abs.png")) {
      assertThat(ImageDecoder.read(out.resolve(png)).width()).isEqualTo(800);
    }
    JsonNode record = new ObjectMapper().readTree(out.resolve("per_image.json").toFile()).path("records").get(0);
    assertThat(record.path("sanity").path("ssim")).hasSize(2);
    assertThat(record.path("sanity").path("layers").toString()).contains("fc_w");
  }

  @Test
  void aMethodThatFailsOnSomeImagesGetsUndefinedValuesThereAndTheRunGoesOn() {
    Path out = tmp.resolve("broken");
    SquareWorld.Data data = new SquareWorld.Data(6, 8);
    int broken = 0;
    for (int i = 0; i < 8; i++) {
      broken += SquareWorld.oddTopLeft((data.load(i).image().get(0, 0, 0)) / 255f) ? 1 : 0;
    }
    assertThat(broken).as("the test needs some broken images and some good ones").isBetween(1, 7);
    EvaluationResult r = builder(data, List.of(Methods.byName("gradcam"), SquareWorld.brokenOnSomeImages()), out)
        .build().run();
    ResultsTable t = r.table();
    for (String column : List.of(LocalizationMetric.HIT, PointingMetric.HIT, DeletionMetric.AUC, RoadMetric.MORF,
        ConfidenceMetric.AVERAGE_DROP, FaithfulnessMetric.SPEARMAN)) {
      assertThat(t.get("broken", column).orElseThrow().n()).as(column).isEqualTo(8 - broken);
      assertThat(t.get("gradcam", column).orElseThrow().n()).as(column).isEqualTo(8);
    }
  }
}
