package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job: with no arguments, the demo explains generated images with the built-in model. */
class DemoCommandTest {
  @TempDir
  Path tmp;

  @Test
  void producesAMontageAndAReportWithNoArguments() throws Exception {
    Path out = tmp.resolve("demo");
    Cli.Result r = Cli.run("demo", "--out", out.toString(), "--count", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("montage:").contains("report:");
    RgbImage montage = ImageDecoder.read(out.resolve("demo.png"));
    // 3 rows (images) x 7 columns (input + 5 methods + counterfactual)
    assertThat(montage.width()).isGreaterThan(7 * 160);
    assertThat(montage.height()).isGreaterThan(3 * 160);
    String html = Files.readString(out.resolve("demo.html"));
    assertThat(html).contains("scorecam").contains("guided-gradcam").contains("counterfactual").contains("occlusion");
    try (var files = Files.list(out)) {
      assertThat(files.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(4);
    }
  }

  @Test
  void explainUsesTheBuiltInModelByDefault() throws Exception {
    Path out = tmp.resolve("demo");
    assertThat(Cli.run("demo", "--out", out.toString(), "--count", "1").exitCode()).isZero();
    Path image;
    try (var files = Files.list(out)) {
      image = files.filter(p -> p.getFileName().toString().startsWith("00-")).findFirst().orElseThrow();
    }
    String shape = image.getFileName().toString().replace("00-", "").replace(".png", "");
    Cli.Result r = Cli.run("explain", "--image", image.toString(), "--out", tmp.resolve("e").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains(shape);
  }
}
