package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsCommandTest {
  @TempDir
  Path tmp;

  Path model;
  Path images;

  @BeforeEach
  void setUp() throws Exception {
    model = tmp.resolve("tiny.onnx");
    TinyModels.withOpBeforePooling("Relu").save(model);
    images = tmp.resolve("images");
    Files.createDirectories(images);
    Random r = new Random(1);
    for (int i = 0; i < 3; i++) {
      RgbImage im = RgbImage.blank(40, 40);
      r.nextBytes(im.pixels());
      PngWriter.write(images.resolve("im" + i + ".png"), im);
    }
    Files.writeString(images.resolve("broken.jpg"), "not a jpeg");
  }

  @Test
  void oneImageWritesEveryChannel() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("activations", "--model", model.toString(), "--image", images.resolve("im0.png").toString(),
        "--layer", "conv_out", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Npy.read(out.resolve("activations.npy")).shape()).containsExactly(1, 8, 56, 56);
    JsonNode json = new ObjectMapper().readTree(out.resolve("activations.json").toFile());
    assertThat(json.get("channels")).hasSize(8);
    assertThat(Files.exists(out.resolve("activations.png"))).isTrue();
  }

  @Test
  void aFolderListsTheUnreadableImageAndCarriesOn() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("activations", "--model", model.toString(), "--images", images.toString(),
        "--layer", "conv_out", "--channels", "0,2-3", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped " + images.resolve("broken.jpg"));
    JsonNode json = new ObjectMapper().readTree(out.resolve("dissect.json").toFile());
    assertThat(json.get("skipped").get(0).get("file").asText()).isEqualTo("broken.jpg");
    assertThat(json.get("channels")).hasSize(3);
    assertThat(json.get("channels").get(2).get("channel").asInt()).isEqualTo(3);
    assertThat(json.get("channels").get(0).get("top")).hasSize(3);
  }

  @Test
  void badInputFailsInOneLineNamingTheProblemAndWritesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    String[][] cases = {
      {"--images", images.toString(), "--layer", "logits", "--channels", "0"},
      {"--images", images.toString(), "--layer", "conv_out", "--channels", "8"},
      {"--images", empty.toString(), "--layer", "conv_out", "--channels", "0"},
    };
    String[] expected = {"Layer 'logits' has shape", "Channel 8 is out of range: layer 'conv_out' has 8 channels",
        "No .png, .jpg or .jpeg images in " + empty};
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 6];
      args[0] = "activations";
      args[1] = "--model";
      args[2] = model.toString();
      System.arraycopy(cases[i], 0, args, 3, cases[i].length);
      args[args.length - 3] = "--out";
      args[args.length - 2] = out.toString();
      args[args.length - 1] = "--top-images=2";
      Cli.Result r = Cli.run(args);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
      assertThat(r.err().strip()).startsWith("gradcam4j: " + expected[i]).doesNotContain("\n");
      assertThat(Files.exists(out)).isFalse();
    }
  }
}
