package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The failures verb on the synthetic benchmark and on class folders, with the built-in model. */
class FailuresCommandTest {
  @TempDir
  Path tmp;

  @Test
  void syntheticBenchmarkGivesAPageAPictureAndTheConfusions() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("failures", "--data", "synthetic", "--count", "200", "--limit", "3", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.resolve("failures.json").toFile());
    int mistakes = json.path("mistakes").asInt();
    assertThat(mistakes).isPositive();
    assertThat(json.path("failures")).hasSize(mistakes);
    assertThat(json.path("images").asInt()).isEqualTo(200);
    int confused = 0;
    for (JsonNode c : json.path("confusions")) {
      confused += c.path("images").asInt();
      assertThat(c.path("trueClass").asInt()).isNotEqualTo(c.path("predictedClass").asInt());
    }
    assertThat(confused).isEqualTo(mistakes);
    assertThat(r.out()).contains("misclassified").contains("| true class | predicted as |");
    String page = Files.readString(out.resolve("failures.html"));
    int rows = page.split("<tr><td class=\"name\">", -1).length - 1;
    assertThat(rows).isEqualTo(Math.min(3, mistakes));
    assertThat(ImageDecoder.read(out.resolve("failures.png")).width()).isGreaterThan(5 * 128);
    assertThat(Files.readString(out.resolve("confusion.md"))).startsWith("| true class |");
  }

  @Test
  void classFoldersAreReadAndAWrongFolderNameIsNamedBeforeAnythingIsWritten() throws IOException {
    SyntheticDataset data = new SyntheticDataset(11, SyntheticDataset.DEFAULT_IMAGE_SIZE);
    Path root = tmp.resolve("data");
    for (int i = 0; i < 6; i++) {
      LabelledImage s = data.sample(i);
      PngWriter.write(root.resolve(s.className()).resolve(i + ".png"), s.image());
    }
    Path out = tmp.resolve("out");
    Cli.Result ok = Cli.run("failures", "--data", root.toString(), "--out", out.toString());
    assertThat(ok.exitCode()).as(ok.err()).isZero();
    assertThat(new ObjectMapper().readTree(out.resolve("failures.json").toFile()).path("images").asInt()).isEqualTo(6);

    Files.createDirectories(root.resolve("kitten"));
    Path out2 = tmp.resolve("out2");
    Cli.Result bad = Cli.run("failures", "--data", root.toString(), "--out", out2.toString());
    assertThat(bad.exitCode()).isEqualTo(1);
    assertThat(bad.err()).contains("'kitten'");
    assertThat(Files.exists(out2)).isFalse();
    Cli.Result missing = Cli.run("failures", "--data", tmp.resolve("nowhere").toString(), "--out", out2.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nowhere");
    assertThat(Files.exists(out2)).isFalse();
  }
}
