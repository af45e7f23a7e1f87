package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.data.GroundTruthFolder;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.run.SquareWorld;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate verb on {@link SquareWorld}'s model (class = quadrant of a bright square; Grad-CAM's
 * map is the square), with each kind of data folder.
 */
class EvaluateCommandTest {
  /** The model wants values in [0, 1]: no mean or std, 0-255 scaled by 1/255. */
  private static final String[] UNIT_RANGE = {"--preset", "none", "--scale", "0.00392156862745098"};

  @TempDir
  Path tmp;
  private Path model;

  @BeforeEach
  void saveModel() {
    model = tmp.resolve("squares.onnx");
    SquareWorld.model().save(model);
  }

  private Cli.Result evaluate(String... args) {
    List<String> all = new ArrayList<>(List.of("evaluate", "--model", model.toString()));
    all.addAll(List.of(UNIT_RANGE));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  /** Column name to {mean, n} of one method's row in results.csv. */
  private static Map<String, double[]> row(Path csv, String method) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    String[] header = lines.get(0).split(",", -1);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (f[0].equals(method)) {
        Map<String, double[]> out = new HashMap<>();
        for (int i = 1; i < header.length; i += 4) {
          out.put(header[i], new double[] {f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]),
              Double.parseDouble(f[i + 3])});
        }
        return out;
      }
    }
    throw new AssertionError("no row for " + method + " in " + lines);
  }

  @Test
  void aGroundTruthFolderExportedByTheBenchmarkIsReadWithItsMasks() throws IOException {
    Path data = tmp.resolve("benchmark");
    GroundTruthFolder.export(new SyntheticDataset(3, 32), data, 0, 5, false);
    Path out = tmp.resolve("out");
    Cli.Result r = evaluate("--data", data.toString(), "--crop", "32", "--resize", "0", "--methods", "gradcam,saliency",
        "--metrics", "localization,pointing,deletion", "--steps", "8", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("Evaluated 5 images (5 computed now) with 2 methods").contains("| saliency |");
    assertThat(r.err()).contains("5/5 images");
    Map<String, double[]> gradcam = row(out.resolve("results.csv"), "gradcam");
    assertThat(gradcam.get("loc_iou")[1]).isEqualTo(5);
    assertThat(gradcam.get("pointing_hit")[1]).isEqualTo(5);
    // Every image has a class, so the top-1 localisation error is defined for all.
    assertThat(gradcam.get("loc_error_top1")[1]).isEqualTo(5);
    assertThat(gradcam.get("deletion_auc")[1]).isEqualTo(5);
    JsonNode first = new ObjectMapper().readTree(out.resolve("per_image.json").toFile()).path("records").get(0);
    assertThat(first.path("image").asText()).isEqualTo("000000.png");
    assertThat(first.path("true_classes").get(0).asInt()).isEqualTo(new SyntheticDataset(3, 32).labelOf(0));
    assertThat(out.resolve("plots/deletion.png")).exists();
    assertThat(out.resolve("results.md")).exists();
  }

  @Test
  void squaresInAGroundTruthFolderAreFoundByGradCam() throws IOException {
    Path data = tmp.resolve("squares");
    GroundTruthFolder.write(data, SquareWorld.CLASSES, SquareWorld.images(5, 6));
    Path out = tmp.resolve("out");
    Cli.Result r = evaluate("--data", data.toString(), "--crop", "32", "--resize", "0", "--methods", "gradcam",
        "--metrics", "localization,pointing,confidence", "--pointing-tolerance", "0", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, double[]> gradcam = row(out.resolve("results.csv"), "gradcam");
    assertThat(gradcam.get("loc_hit")[0]).isEqualTo(1.0);
    assertThat(gradcam.get("loc_error_top1")[0]).isEqualTo(0.0);
    assertThat(gradcam.get("pointing_hit")[0]).isEqualTo(1.0);
    // With no tolerance there is no separate exact column.
    assertThat(gradcam).doesNotContainKey("pointing_hit_exact");
    assertThat(gradcam.get("average_drop_pct")[0]).isLessThan(20);
  }

  /** SquareWorld image {@code index} drawn at twice the size. */
  private static RgbImage doubled(LabelledImage image) {
    RgbImage small = image.image();
    RgbImage big = RgbImage.blank(small.width() * 2, small.height() * 2);
    for (int y = 0; y < big.height(); y++) {
      for (int x = 0; x < big.width(); x++) {
        for (int c = 0; c < 3; c++) {
          big.set(x, y, c, small.get(x / 2, y / 2, c));
        }
      }
    }
    return big;
  }

  @Test
  void vocBoxesFollowTheResizeAndNamesMapToClassesThroughTheLabelsFile() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("voc"));
    for (int i = 0; i < 4; i++) {
      LabelledImage image = SquareWorld.image(9, i);
      PngWriter.write(data.resolve("img" + i + ".png"), doubled(image));
      if (i < 3) {
        // VOC boxes are 1-based and inclusive, at the photo's (doubled) size.
        Box b = image.box();
        Files.writeString(data.resolve("img" + i + ".xml"), "<annotation><object><name>" + image.className()
            + "</name><bndbox><xmin>" + (2 * b.x0() + 1) + "</xmin><ymin>" + (2 * b.y0() + 1) + "</ymin><xmax>"
            + 2 * b.x1() + "</xmax><ymax>" + 2 * b.y1() + "</ymax></bndbox></object></annotation>");
      }
    }
    Path labels = tmp.resolve("classes.txt");
    Files.write(labels, SquareWorld.CLASSES);
    Path out = tmp.resolve("out");
    Cli.Result r = evaluate("--data", data.toString(), "--resize", "32", "--crop", "32", "--labels", labels.toString(),
        "--methods", "gradcam", "--metrics", "localization,deletion", "--steps", "8", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, double[]> gradcam = row(out.resolve("results.csv"), "gradcam");
    // Only the three annotated images are localised; all four get the deletion curve.
    assertThat(gradcam.get("loc_hit")[1]).isEqualTo(3);
    assertThat(gradcam.get("deletion_auc")[1]).isEqualTo(4);
    // Boxes halved with the photo land on the square Grad-CAM finds; names became the right classes.
    assertThat(gradcam.get("loc_iou")[0]).isGreaterThan(0.6);
    assertThat(gradcam.get("loc_hit")[0]).isEqualTo(1.0);
    assertThat(gradcam.get("loc_error_top1")[0]).isEqualTo(0.0);
  }

  @Test
  void aCsvOfBoxesGivesGroundTruthToAPlainFolder() throws IOException {
    Path data = Files.createDirectories(tmp.resolve("plain"));
    StringBuilder csv = new StringBuilder("file,label,x0,y0,x1,y1\n");
    for (int i = 0; i < 3; i++) {
      LabelledImage image = SquareWorld.image(11, i);
      PngWriter.write(data.resolve("p" + i + ".png"), image.image());
      Box b = image.box();
      csv.append("p").append(i).append(".png,").append(image.label()).append(',').append(b.x0()).append(',')
          .append(b.y0()).append(',').append(b.x1()).append(',').append(b.y1()).append('\n');
    }
    Path boxes = tmp.resolve("boxes.csv");
    Files.writeString(boxes, csv);
    Path out = tmp.resolve("out");
    Cli.Result r = evaluate("--data", data.toString(), "--ground-truth", boxes.toString(), "--crop", "32",
        "--resize", "0", "--methods", "gradcam", "--metrics", "localization", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Map<String, double[]> gradcam = row(out.resolve("results.csv"), "gradcam");
    assertThat(gradcam.get("loc_hit")).containsExactly(1.0, 3.0);
    assertThat(gradcam.get("loc_error_top1")).containsExactly(0.0, 3.0);
  }

  @Test
  void syntheticDataContinuesAfterARunAndRefusesChangedSettings() throws IOException {
    Path out = tmp.resolve("out");
    String[] base = {"--data", "synthetic", "--count", "3", "--image-size", "32", "--methods", "gradcam",
        "--metrics", "deletion,road", "--road-percentages", "20,50", "--out", out.toString()};
    Cli.Result first = evaluate(concat(base, "--steps", "4"));
    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(Files.readAllLines(out.resolve("journal.jsonl"))).hasSize(4);
    String results = Files.readString(out.resolve("results.csv"));

    Cli.Result again = evaluate(concat(base, "--steps", "4"));
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("(0 computed now)");
    assertThat(again.err()).contains("resuming: 3 of 3 images");
    assertThat(Files.readString(out.resolve("results.csv"))).isEqualTo(results);

    Cli.Result changed = evaluate(concat(base, "--steps", "5"));
    assertThat(changed.exitCode()).isEqualTo(1);
    assertThat(changed.err().strip()).startsWith("gradcam4j: The evaluation in").contains("steps=4").contains("steps=5")
        .contains("--restart").doesNotContain("\n").doesNotContain("Exception");

    Cli.Result restarted = evaluate(concat(base, "--steps", "5", "--restart"));
    assertThat(restarted.exitCode()).as(restarted.err()).isZero();
    assertThat(restarted.out()).contains("(3 computed now)");
    assertThat(Files.readString(out.resolve("results.csv"))).isNotEqualTo(results);
  }

  @Test
  void badOptionsGiveOneLineErrors() {
    Path out = tmp.resolve("out");
    Cli.Result missing = evaluate("--out", out.toString());
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--data");

    Cli.Result metric = evaluate("--data", "synthetic", "--metrics", "deletion,accuracy", "--out", out.toString());
    assertThat(metric.exitCode()).isEqualTo(1);
    assertThat(metric.err().strip()).isEqualTo("gradcam4j: unknown metric 'accuracy'; known metrics: "
        + String.join(", ", org.gradcam4j.eval.run.Metric.names()) + " (or 'all')");
    assertThat(org.gradcam4j.eval.run.Metric.names()).contains("localization", "deletion", "sanity");

    Cli.Result reference = evaluate("--data", "synthetic", "--metrics", "faithfulness", "--faithfulness-reference",
        "nope", "--out", out.toString());
    assertThat(reference.exitCode()).isEqualTo(1);
    assertThat(reference.err()).contains("--faithfulness-reference 'nope'").contains("gradcam");

    Cli.Result folder = evaluate("--data", tmp.resolve("nowhere").toString(), "--out", out.toString());
    assertThat(folder.exitCode()).isEqualTo(1);
    assertThat(folder.err()).contains("does not exist");

    Cli.Result size = evaluate("--data", "synthetic", "--image-size", "8", "--out", out.toString());
    assertThat(size.exitCode()).isEqualTo(1);
    assertThat(size.err()).contains("--image-size must be 32..");
  }

  @Test
  void helpDescribesDataMetricsAndOutputs() {
    Cli.Result r = Cli.run("evaluate", "--help");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("--data=DIR|synthetic", "--ground-truth=FILE.csv", "--pointing-tolerance",
        "--road-percentages", "--sanity-layers", "--restart", "journal.jsonl", "95%");
    assertThat(Cli.run("--help").out()).contains("evaluate");
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }
}
