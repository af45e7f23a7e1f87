package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explain verb end to end on the shared SqueezeNet and photos. Needs ../shared. */
class ExplainCommandTest {
  @TempDir
  Path tmp;

  private String squeezenet() {
    return SharedData.model(SharedData.SQUEEZENET).toString();
  }

  @Test
  void writesOverlaysReportsAndRawMapsThatMatchTheReference() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("explain", "--model", squeezenet(), "--preset", "caffe-bgr", "--raw",
        "--image", SharedData.image("chelsea.png").toString(), SharedData.image("gradcam_cat_dog.jpg").toString(),
        "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("chelsea.png: Egyptian cat 29.0").contains("gradcam_cat_dog.jpg: bull mastiff 33.9");
    assertThat(list(out)).containsExactlyInAnyOrder(
        "chelsea.gradcam.png", "chelsea.gradcam.json", "chelsea.gradcam.npy", "chelsea.gradcam.lowres.npy",
        "gradcam_cat_dog.gradcam.png", "gradcam_cat_dog.gradcam.json", "gradcam_cat_dog.gradcam.npy",
        "gradcam_cat_dog.gradcam.lowres.npy");

    JsonNode report = new ObjectMapper().readTree(out.resolve("chelsea.gradcam.json").toFile());
    assertThat(report.path("target").path("class").asInt()).isEqualTo(285);
    assertThat(report.path("target").path("label").asText()).isEqualTo("Egyptian cat");
    assertThat(report.path("layer").asText()).isEqualTo("conv10_2");
    assertThat(report.path("score_tensor").asText()).isEqualTo("pool10_1");
    assertThat(report.path("top5")).hasSize(5);
    assertThat(report.path("top5").get(1).path("label").asText()).isEqualTo("tiger cat");
    assertThat(report.path("lowres_shape").toString()).isEqualTo("[13,13]");
    assertThat(report.path("timings_ms").has("explain_per_image")).isTrue();

    // The default layer of SqueezeNet is conv10_2, whose Grad-CAM pytorch-grad-cam also computed.
    Npy.Array lowres = Npy.read(out.resolve("chelsea.gradcam.lowres.npy"));
    assertThat(lowres.shape()).containsExactly(13, 13);
    float[] reference = Npy.read(SharedData.reference("maps/squeezenet11/chelsea__c285__conv10__GradCAM.lowres.npy")).data();
    assertThat(ReferenceCases.relativeMaxError(lowres.data(), reference)).isLessThan(2e-5);
    Npy.Array map = Npy.read(out.resolve("chelsea.gradcam.npy"));
    assertThat(map.shape()).containsExactly(224, 224);
    float max = 0;
    float min = 1;
    for (float v : map.data()) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    assertThat(min).isGreaterThanOrEqualTo(0f);
    assertThat(max).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
    RgbImage overlay = ImageDecoder.read(out.resolve("chelsea.gradcam.png"));
    assertThat(overlay.width()).isEqualTo(224);
    assertThat(overlay.height()).isEqualTo(224);
  }

  @Test
  void classTargetAndCounterfactualFromAFolder() throws IOException {
    Path images = Files.createDirectories(tmp.resolve("images"));
    Files.copy(SharedData.image("gradcam_cat_dog.jpg"), images.resolve("both.jpg"));
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("explain", "--model", squeezenet(), "--preset", "caffe-bgr", "--images", images.toString(),
        "--target", "282", "--counterfactual", "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode report = new ObjectMapper().readTree(out.resolve("both.gradcam-counterfactual.json").toFile());
    assertThat(report.path("target").path("class").asInt()).isEqualTo(282);
    assertThat(report.path("target").path("counterfactual").asBoolean()).isTrue();
    assertThat(list(out)).containsExactlyInAnyOrder("both.gradcam-counterfactual.png", "both.gradcam-counterfactual.json");
  }

  /**
   * On MobileNetV2 every position of the last layer supports the top class of these photos, so the
   * counterfactual Grad-CAM is zero everywhere: the run must say so, not draw a dark square silently.
   */
  @Test
  void anEmptyCounterfactualMapIsSaidToBeEmpty() throws IOException {
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("explain", "--model", SharedData.model(SharedData.MOBILENET_V2).toString(),
        "--labels", SharedData.model("imagenet_classes.txt").toString(), "--methods", "gradcam,gradcam++",
        "--counterfactual", "--image", SharedData.image("gradcam_cat_dog.jpg").toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode cam = new ObjectMapper().readTree(out.resolve("gradcam_cat_dog.gradcam-counterfactual.json").toFile());
    assertThat(cam.path("empty").asBoolean()).isTrue();
    assertThat(cam.path("note").asText()).startsWith("no evidence against bull mastiff at layer ");
    assertThat(r.out()).contains("gradcam_cat_dog.jpg: no evidence against bull mastiff")
        .contains("gradcam-counterfactual: empty map, no evidence against bull mastiff at layer");
    // Grad-CAM++ weighs the positions differently and finds evidence against the class
    JsonNode plusPlus = new ObjectMapper().readTree(
        out.resolve("gradcam_cat_dog.gradcam++-counterfactual.json").toFile());
    assertThat(plusPlus.path("empty").asBoolean()).isFalse();
    assertThat(r.out()).doesNotContain("gradcam++-counterfactual: empty map");
  }

  @Test
  void severalMethodsWithMontageAndHtmlReport() throws IOException {
    Path out = tmp.resolve("out");
    Path montage = tmp.resolve("grid.png");
    Path report = tmp.resolve("report.html");
    Cli.Result r = Cli.run("explain", "--model", squeezenet(), "--preset", "caffe-bgr",
        "--methods", "gradcam,layercam,saliency,guided-gradcam", "--raw",
        "--image", SharedData.image("chelsea.png").toString(), SharedData.image("coffee.png").toString(),
        "--out", out.toString(), "--montage", montage.toString(), "--report", report.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(list(out)).contains("coffee.layercam.png", "coffee.saliency.json", "chelsea.guided-gradcam.npy",
        "chelsea.layercam.lowres.npy");
    assertThat(Npy.read(out.resolve("chelsea.saliency.npy")).shape()).containsExactly(3, 224, 224);
    RgbImage grid = ImageDecoder.read(montage);
    assertThat(grid.width()).isGreaterThan(5 * 224);
    assertThat(grid.height()).isGreaterThan(2 * 224);
    String html = Files.readString(report);
    assertThat(html).startsWith("<!DOCTYPE html>").contains("guided-gradcam").contains("espresso")
        .contains("data:image/png;base64,");
    assertThat(html.split("data:image/png;base64,", -1)).hasSize(1 + 2 * 5);
    // the title names the model by its file name; the note below it gives the path as typed
    String fileName = SharedData.model(SharedData.SQUEEZENET).getFileName().toString();
    assertThat(html).contains("<title>gradcam4j: " + fileName + "</title>")
        .doesNotContain("<title>gradcam4j: " + squeezenet() + "</title>")
        .contains("model: " + squeezenet());
  }

  @Test
  void timingsSayWhereTheTimeWent() {
    Cli.Result r = Cli.run("explain", "--model", squeezenet(), "--preset", "caffe-bgr", "--timings",
        "--image", SharedData.image("chelsea.png").toString(), "--out", tmp.resolve("out").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    java.util.Map<String, Double> ms = new java.util.LinkedHashMap<>();
    for (String line : r.err().lines().skip(1).toList()) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (\\S.*?)\\s+(\\d+\\.\\d)\\b.*$").matcher(line);
      assertThat(m.matches()).as(line).isTrue();
      ms.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertThat(r.err()).startsWith("timings (ms):");
    assertThat(ms.keySet()).containsExactly("load model", "prepare model", "probe shapes", "compile gradients",
        "create sessions", "explain", "write files", "total");
    // the phases before explaining, and explaining and writing, happen one after the other within the total
    assertThat(ms.get("load model") + ms.get("prepare model") + ms.get("probe shapes") + ms.get("explain")
        + ms.get("write files")).isLessThanOrEqualTo(ms.get("total") + 0.5);
  }

  @Test
  void truncatedModelFileIsReportedWithoutOutputs() throws IOException {
    byte[] model = Files.readAllBytes(SharedData.model(SharedData.SQUEEZENET));
    Path broken = tmp.resolve("broken.onnx");
    Files.write(broken, java.util.Arrays.copyOf(model, model.length / 2));
    assertFailsCleanly(List.of("explain", "--model", broken.toString(), "--image",
        SharedData.image("chelsea.png").toString()), "broken.onnx", "not a valid ONNX model");
  }

  @Test
  void textFileAsImageIsReportedWithoutOutputs() throws IOException {
    Path text = tmp.resolve("notes.jpg");
    Files.writeString(text, "this is not a picture\n");
    assertFailsCleanly(List.of("explain", "--model", squeezenet(), "--image",
        SharedData.image("chelsea.png").toString(), text.toString()), "notes.jpg", "not a PNG or JPEG image");
  }

  @Test
  void classIndexOutOfRangeIsReportedWithoutOutputs() throws IOException {
    assertFailsCleanly(List.of("explain", "--model", squeezenet(), "--target", "1000", "--image",
        SharedData.image("chelsea.png").toString()), "Class index 1000 is out of range", "0..999");
  }

  @Test
  void unknownLayerIsReportedWithoutOutputs() throws IOException {
    assertFailsCleanly(List.of("explain", "--model", squeezenet(), "--layer", "no_such_layer", "--image",
        SharedData.image("chelsea.png").toString()), "Unknown layer 'no_such_layer'", "conv10_2");
  }

  @Test
  void unsupportedOpOnTheBackwardPathNamesTheNodeAndOp() throws IOException {
    Path model = tmp.resolve("sin.onnx");
    TinyModels.withOpBeforePooling("Sin").save(model);
    assertFailsCleanly(List.of("explain", "--model", model.toString(), "--preset", "none", "--layer", "conv_out",
        "--image", SharedData.image("chelsea.png").toString()), "No backward rule for op 'Sin'", "sin_node");
  }

  @Test
  void unwritableOutputFolderIsReported() throws IOException {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    Cli.Result r = Cli.run("explain", "--model", squeezenet(), "--image", SharedData.image("chelsea.png").toString(),
        "--out", file.resolve("sub").toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err()).contains("Cannot create output folder").contains("plain-file");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void missingOptionIsAUsageErrorOnOneLine() {
    Cli.Result r = Cli.run("explain", "--image", "x.png");
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  private void assertFailsCleanly(List<String> args, String... messageParts) throws IOException {
    Path out = tmp.resolve("out-" + System.nanoTime());
    List<String> all = new java.util.ArrayList<>(args);
    all.add("--out");
    all.add(out.toString());
    Cli.Result r = Cli.run(all.toArray(String[]::new));
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
    for (String part : messageParts) {
      assertThat(r.err()).contains(part);
    }
    assertThat(Files.exists(out) ? list(out) : List.of()).as("files left in the output folder").isEmpty();
  }

  static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }
}
