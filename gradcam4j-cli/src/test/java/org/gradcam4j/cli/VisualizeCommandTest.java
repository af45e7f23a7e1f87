package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code visualize} on the built-in demo model (64 x 64 shapes, 8 classes, layer "features"). */
class VisualizeCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path tmp;

  private Cli.Result visualize(String out, String... args) {
    String[] all = new String[args.length + 2];
    all[0] = "visualize";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--out=" + tmp.resolve(out);
    return Cli.run(all);
  }

  private JsonNode json(String out, String slug) throws Exception {
    return JSON.readTree(tmp.resolve(out).resolve(slug + ".json").toFile());
  }

  @Test
  void classVisualisationRaisesTheClassProbability() throws Exception {
    for (String style : new String[] {"lucid", "simonyan"}) {
      Cli.Result start = visualize(style + "0", "--class", "1,3", "--style", style, "--steps", "1");
      Cli.Result end = visualize(style + "1", "--class", "1,3", "--style", style, "--steps", "48");
      assertThat(start.exitCode()).as(start.err()).isZero();
      assertThat(end.exitCode()).as(end.err()).isZero();
      assertThat(end.err()).contains("48/48 steps");
      for (String slug : new String[] {"class-1", "class-3"}) {
        JsonNode before = json(style + "0", slug);
        JsonNode after = json(style + "1", slug);
        assertThat(after.path("probability").asDouble()).as(style + " " + slug)
            .isGreaterThan(before.path("probability").asDouble()).isGreaterThan(0.5);
        assertThat(after.path("objectiveValue").asDouble()).isGreaterThan(before.path("objectiveValue").asDouble());
        assertThat(after.path("objective").path("kind").asText()).isEqualTo("class");
        assertThat(after.path("style").asText()).isEqualTo(style);
        RgbImage png = ImageDecoder.read(tmp.resolve(style + "1").resolve(slug + ".png"));
        assertThat(png.width()).isEqualTo(64);
      }
      assertThat(json(style + "1", "class-1").path("objective").path("label").asText()).isEqualTo("square");
    }
  }

  @Test
  void theSameSeedGivesTheSamePixels() throws Exception {
    String[] args = {"--channel", "features:3", "--neuron", "features:2:4:4", "--steps", "16", "--seed", "5"};
    assertThat(visualize("a", args).exitCode()).isZero();
    assertThat(visualize("b", args).exitCode()).isZero();
    String[] other = args.clone();
    other[other.length - 1] = "6";
    assertThat(visualize("c", other).exitCode()).isZero();
    for (String slug : new String[] {"channel-features-3", "neuron-features-2-4-4"}) {
      byte[] a = Files.readAllBytes(tmp.resolve("a").resolve(slug + ".png"));
      assertThat(Files.readAllBytes(tmp.resolve("b").resolve(slug + ".png"))).as(slug).isEqualTo(a);
      assertThat(Files.readAllBytes(tmp.resolve("c").resolve(slug + ".png"))).as(slug).isNotEqualTo(a);
    }
  }

  @Test
  void deepDreamStartsFromAPhoto() throws Exception {
    RgbImage photo = RgbImage.blank(80, 80);
    // The photo fills the 128-pixel canvas and the image is its central 64 pixels: a red square in the
    // middle fifth of the photo lands in the middle of the image.
    for (int y = 32; y < 48; y++) {
      for (int x = 32; x < 48; x++) {
        photo.set(x, y, 0, 255);
      }
    }
    Path file = tmp.resolve("photo.png");
    PngWriter.write(file, photo);
    Cli.Result r = visualize("dream", "--dream", "features", "--from", file.toString(), "--steps", "8");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = json("dream", "dream-features");
    assertThat(j.path("objective").path("kind").asText()).isEqualTo("dream");
    assertThat(j.path("startImage").asBoolean()).isTrue();
    assertThat(j.path("objectiveValue").asDouble()).isPositive();
    RgbImage out = ImageDecoder.read(tmp.resolve("dream").resolve("dream-features.png"));
    // Still the photo after a few steps: red square in the middle, dark corner.
    assertThat(out.get(32, 32, 0)).isGreaterThan(out.get(2, 2, 0) + 100);
  }

  @Test
  void errorsNameTheProblemAndWriteNothing() throws Exception {
    Cli.Result r = visualize("e1", "--class", "99", "--steps", "1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Class index 99 is out of range").contains("8 classes");
    r = visualize("e2", "--channel", "features:999", "--steps", "1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Channel 999 is out of range");
    r = visualize("e3", "--channel", "no_such_layer:0", "--steps", "1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("no_such_layer");
    r = visualize("e4", "--steps", "1");
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Nothing to visualise");
    for (String d : new String[] {"e1", "e2", "e3"}) {
      Path dir = tmp.resolve(d);
      if (Files.isDirectory(dir)) {
        try (var files = Files.list(dir)) {
          assertThat(files.toList()).as(d).isEmpty();
        }
      }
    }
  }

  @Test
  void benchPrintsBothTimesAndTheirRatio() throws Exception {
    Cli.Result r = Cli.run("visualize", "--class", "0,1", "--bench", "3");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode j = JSON.readTree(r.out());
    assertThat(j.path("batch").asInt()).isEqualTo(2);
    assertThat(j.path("stepMedianSeconds").asDouble()).isPositive();
    assertThat(j.path("ratio").asDouble()).isCloseTo(
        j.path("stepMedianSeconds").asDouble() / j.path("forwardAndInputGradientMedianSeconds").asDouble(),
        org.assertj.core.data.Offset.offset(1e-9));
  }
}
