package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopPatchesCommandTest {
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
    Random r = new Random(2);
    for (int i = 0; i < 5; i++) {
      RgbImage im = RgbImage.blank(40, 40);
      r.nextBytes(im.pixels());
      PngWriter.write(images.resolve("im" + i + ".png"), im);
    }
    Files.writeString(images.resolve("broken.png"), "not a png");
  }

  @Test
  void writesAGridAndTheRankedPatchesListingTheUnreadableImage() throws Exception {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("top-patches", "--model", model.toString(), "--images", images.toString(),
        "--layer", "sin_out", "--channels", "1,6", "-k", "3", "--batch-size", "2", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.err()).contains("skipped " + images.resolve("broken.png"));
    JsonNode json = new ObjectMapper().readTree(out.resolve("top-patches.json").toFile());
    assertThat(json.get("skipped").get(0).get("file").asText()).isEqualTo("broken.png");
    assertThat(json.get("imagesRead").asInt()).isEqualTo(5);
    // One 3x3 convolution with stride 4 and no padding: a 3x3 field.
    assertThat(json.get("receptiveField").get("height").asInt()).isEqualTo(3);
    assertThat(json.get("receptiveField").get("strideY").asInt()).isEqualTo(4);
    assertThat(json.get("channels")).hasSize(2);
    assertThat(json.get("channels").get(1).get("channel").asInt()).isEqualTo(6);
    assertThat(json.get("channels").get(0).get("patches")).hasSize(3);
    List<String> csv = Files.readAllLines(out.resolve("top-patches.csv"));
    assertThat(csv).hasSize(1 + 2 * 3);
    assertThat(csv.get(0)).isEqualTo("channel,rank,image,y,x,value,top,left,bottom,right");
    assertThat(Files.exists(out.resolve("top-patches.png"))).isTrue();
  }

  @Test
  void badInputFailsInOneLineNamingTheProblemAndWritesNothing() throws Exception {
    Path out = tmp.resolve("out");
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    String[][] cases = {
      {"--images", images.toString(), "--layer", "logits"},
      {"--images", images.toString(), "--layer", "conv_out", "--channels", "2,9"},
      {"--images", empty.toString(), "--layer", "conv_out"},
    };
    String[] expected = {"Layer 'logits' has shape", "Channel 9 is out of range: layer 'conv_out' has 8 channels",
        "No .png, .jpg or .jpeg images in " + empty};
    for (int i = 0; i < cases.length; i++) {
      String[] args = new String[cases[i].length + 5];
      args[0] = "top-patches";
      args[1] = "--model";
      args[2] = model.toString();
      System.arraycopy(cases[i], 0, args, 3, cases[i].length);
      args[args.length - 2] = "--out";
      args[args.length - 1] = out.toString();
      Cli.Result r = Cli.run(args);
      assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
      assertThat(r.err().strip()).startsWith("gradcam4j: " + expected[i]).doesNotContain("\n");
      assertThat(Files.exists(out)).isFalse();
    }
  }
}
