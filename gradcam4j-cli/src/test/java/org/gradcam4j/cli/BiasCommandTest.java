package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BiasCommandTest {
  @TempDir
  Path tmp;

  @Test
  void measuresTheShippedModelsAndDrawsThemSideBySide() throws Exception {
    Path out = tmp.resolve("bias");
    Cli.Result r = Cli.run("bias", "--out", out.toString(), "--test-images", "40", "--montage-images", "2");
    assertThat(r.exitCode()).as(r.err()).isZero();
    String table = Files.readString(out.resolve("results.md"));
    assertThat(table).contains("| biased | 0.95 |").contains("| balanced | 0.50 |");
    assertThat(Files.readString(out.resolve("results.json"))).contains("\"cueSwappedAccuracy\"");
    RgbImage montage = ImageDecoder.read(out.resolve("montage.png"));
    // 2 rows x 3 columns (input, biased, balanced) of 96-pixel tiles
    assertThat(montage.width()).isGreaterThanOrEqualTo(3 * 96);
    assertThat(montage.height()).isGreaterThanOrEqualTo(2 * 96);
  }

  @Test
  void trainingOptionsWithoutTrainAreRefusedBeforeAnythingIsWritten() {
    Path out = tmp.resolve("nothing");
    Cli.Result r = Cli.run("bias", "--out", out.toString(), "--steps", "5");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("--train");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void trainsAndWritesBothModelsWithTheirCards() throws Exception {
    Path out = tmp.resolve("trained");
    Cli.Result r = Cli.run("bias", "--train", "--steps", "3", "--out", out.toString(), "--test-images", "4",
        "--montage-images", "1", "--classes", "ring,star");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(out.resolve("bias-biased.onnx")).exists();
    assertThat(Files.readString(out.resolve("bias-balanced.json"))).contains("ring").contains("star");
    assertThat(Files.readString(out.resolve("results.md"))).contains("ring vs star");
  }
}
