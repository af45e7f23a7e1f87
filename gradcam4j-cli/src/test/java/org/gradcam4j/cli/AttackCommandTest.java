package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gradcam4j.Explainer;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attack verb: on the shared MobileNetV2 and photos (needs ../shared), and on the built-in model. */
class AttackCommandTest {
  @TempDir
  Path tmp;

  @Test
  void pgdOnTheSharedPhotosFoolsTheModelWithTheStoredPngsWithinEps() throws IOException {
    Path model = SharedData.model(SharedData.MOBILENET_V2);
    Path photos = SharedData.root().resolve("images");
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("attack", "--model", model.toString(), "--images", photos.toString(), "--attack", "pgd",
        "--eps", "8/255", "--steps", "10", "--no-maps", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();

    // Independently of the command: the photos as the model sees them, and the PNGs it stored, decoded again.
    Preprocessing imagenet = Preprocessing.preset("imagenet");
    List<RgbImage> clean = new ArrayList<>();
    List<RgbImage> stored = new ArrayList<>();
    try (Stream<Path> s = Files.list(photos)) {
      for (Path photo : s.filter(p -> p.toString().matches(".*\\.(png|jpg)$")).sorted().toList()) {
        clean.add(imagenet.resizeAndCrop(ImageDecoder.read(photo)));
        stored.add(ImageDecoder.read(out.resolve(ExplainCommand.stem(photo) + ".adversarial.png")));
      }
    }
    assertThat(clean).hasSizeGreaterThanOrEqualTo(10);
    for (int i = 0; i < clean.size(); i++) {
      assertThat(maxDifference(clean.get(i), stored.get(i))).as("image %d", i).isBetween(1, 8);
    }
    int flipped = 0;
    try (Explainer explainer = Explainer.of(OnnxModel.load(model), 0)) {
      for (int i = 0; i < clean.size(); i++) {
        if (predict(explainer, imagenet, clean.get(i)) != predict(explainer, imagenet, stored.get(i))) {
          flipped++;
        }
      }
    }
    assertThat(flipped).as("predictions flipped of %d", clean.size()).isGreaterThanOrEqualTo(
        (int) Math.ceil(0.99 * clean.size()));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("attack.json").toFile());
    assertThat(summary.path("successes").asInt()).isEqualTo(flipped);
  }

  private static int predict(Explainer explainer, Preprocessing p, RgbImage image) {
    FloatTensor batch = FloatTensor.stack(List.of(p.normalize(image)));
    String output = explainer.outputNames().get(0);
    return ArgMax.of(explainer.forward(batch, List.of(output)).get(output).data());
  }

  private static int maxDifference(RgbImage a, RgbImage b) {
    assertThat(b.width()).isEqualTo(a.width());
    assertThat(b.height()).isEqualTo(a.height());
    int max = 0;
    for (int k = 0; k < a.pixels().length; k++) {
      max = Math.max(max, Math.abs((a.pixels()[k] & 0xff) - (b.pixels()[k] & 0xff)));
    }
    return max;
  }

  private Path syntheticImages(int count) {
    Path dir = tmp.resolve("shapes");
    SyntheticDataset data = new SyntheticDataset(5, SyntheticDataset.DEFAULT_IMAGE_SIZE);
    for (int i = 0; i < count; i++) {
      PngWriter.write(dir.resolve("shape" + i + ".png"), data.sample(i).image());
    }
    return dir;
  }

  @Test
  void theBuiltInModelsAttackWritesImagesTensorsMontagesAndJson() throws IOException {
    Path images = syntheticImages(2);
    Path out = tmp.resolve("out");
    Path montage = tmp.resolve("all.png");
    Cli.Result r = Cli.run("attack", "--images", images.toString(), "--eps", "4", "--steps", "5",
        "--target-class", "heart", "--out", out.toString(), "--montage", montage.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("shape0.png").contains("targeted at class");
    for (String s : List.of("shape0", "shape1")) {
      RgbImage original = ImageDecoder.read(out.resolve(s + ".original.png"));
      RgbImage adversarial = ImageDecoder.read(out.resolve(s + ".adversarial.png"));
      assertThat(maxDifference(original, adversarial)).isLessThanOrEqualTo(4);
      Npy.Array tensor = Npy.read(out.resolve(s + ".adversarial.npy"));
      assertThat(tensor.shape()).containsExactly(1, 3, original.height(), original.width());
      // The inception pre-processing of the built-in model: value / 127.5 - 1.
      assertThat(tensor.data()[0]).isEqualTo((adversarial.pixels()[0] & 0xff) / 127.5f - 1f);
      RgbImage rows = ImageDecoder.read(out.resolve(s + ".montage.png"));
      assertThat(rows.width()).isGreaterThan(5 * 128);
      JsonNode json = new ObjectMapper().readTree(out.resolve(s + ".attack.json").toFile());
      // heart is class 6 of the built-in model; a targeted attack succeeds when the model sees it.
      assertThat(json.path("success").asBoolean()).isEqualTo(json.path("after").path("index").asInt() == 6);
      assertThat(json.path("after").path("label").asText()).isEqualTo(
          List.of("circle", "square", "triangle", "star", "cross", "ring", "heart", "arrow")
              .get(json.path("after").path("index").asInt()));
      assertThat(json.path("maxChange").asInt()).isEqualTo(maxDifference(original, adversarial));
      assertThat(json.path("pointing").path("agrees").isBoolean()).isTrue();
    }
    assertThat(ImageDecoder.read(montage).height()).isGreaterThan(4 * 128);
  }

  @Test
  void badInputIsNamedAndNothingIsWritten() {
    Path images = syntheticImages(1);
    Path out = tmp.resolve("out");
    Cli.Result missing = Cli.run("attack", "--image", tmp.resolve("nope.png").toString(), "--out", out.toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err()).contains("nope.png");
    Cli.Result eps = Cli.run("attack", "--images", images.toString(), "--eps", "eight", "--out", out.toString());
    assertThat(eps.exitCode()).isEqualTo(1);
    assertThat(eps.err()).contains("--eps").contains("'eight'");
    Cli.Result target = Cli.run("attack", "--images", images.toString(), "--target-class", "99", "--out", out.toString());
    assertThat(target.exitCode()).isEqualTo(1);
    assertThat(target.err()).contains("--target-class").contains("out of range");
    Cli.Result label = Cli.run("attack", "--images", images.toString(), "--target-class", "kitten", "--out", out.toString());
    assertThat(label.exitCode()).isEqualTo(1);
    assertThat(label.err()).contains("'kitten'");
    Cli.Result fgsmStep = Cli.run("attack", "--images", images.toString(), "--attack", "fgsm", "--step-size", "1",
        "--out", out.toString());
    assertThat(fgsmStep.exitCode()).isEqualTo(1);
    assertThat(fgsmStep.err()).contains("--step-size");
    Cli.Result noMaps = Cli.run("attack", "--images", images.toString(), "--no-maps", "--montage",
        tmp.resolve("m.png").toString(), "--out", out.toString());
    assertThat(noMaps.exitCode()).isEqualTo(1);
    assertThat(noMaps.err()).contains("--montage").contains("--no-maps");
    assertThat(Files.exists(out)).isFalse();
  }
}
