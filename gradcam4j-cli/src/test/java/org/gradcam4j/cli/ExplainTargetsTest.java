package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.TargetModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain's --target forms, --per-token, --input and channels-last models, on the fixture models. */
class ExplainTargetsTest {
  /** Pixel values 0-255 scaled to [0, 1], no mean or std, no resizing: the recogniser's input. */
  private static final String[] RAW_PIXELS = {"--preset", "none", "--resize", "0", "--crop", "0", "--scale", "0.0039215686"};

  @TempDir
  Path tmp;

  private Path save(String name, ModelProto model) throws IOException {
    Path file = tmp.resolve(name);
    Files.write(file, model.toByteArray());
    return file;
  }

  private Path picture(String name, RgbImage image) {
    Path file = tmp.resolve(name);
    PngWriter.write(file, image);
    return file;
  }

  /** "explain" with the recogniser's pre-processing and {@code rest}. */
  private static String[] explainRaw(String... rest) {
    String[] all = new String[1 + RAW_PIXELS.length + rest.length];
    all[0] = "explain";
    System.arraycopy(RAW_PIXELS, 0, all, 1, RAW_PIXELS.length);
    System.arraycopy(rest, 0, all, 1 + RAW_PIXELS.length, rest.length);
    return all;
  }

  @Test
  void perTokenMapsPeakOverTheCharacterTheyExplain() throws IOException {
    Path model = save("crnn.onnx", TargetModels.textRecognizer());
    Path text = picture("text.png", TargetModels.textPicture("_'_-_._|"));
    Path labels = tmp.resolve("symbols.txt");
    Files.writeString(labels, String.join("\n", TargetModels.SYMBOLS.chars().mapToObj(c -> String.valueOf((char) c))
        .toList()) + "\n");
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run(explainRaw("--model", model.toString(), "--image", text.toString(),
        "--target", "sequence", "--per-token", "--labels", labels.toString(), "--layer", "detectors",
        "--methods", "gradcam,hirescam", "--raw", "--out", out.toString()));
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).contains("read ''-.|' (4 tokens)");
    JsonNode tokens = new ObjectMapper().readTree(out.resolve("text.tokens.json").toFile());
    assertThat(tokens.path("text").asText()).isEqualTo("'-.|");
    assertThat(tokens.path("tokens")).hasSize(4);
    for (int j = 0; j < 4; j++) {
      JsonNode token = tokens.path("tokens").get(j);
      int step = token.path("first_step").asInt();
      assertThat(step).isEqualTo(2 * j + 1);
      assertThat(token.path("text").asText()).isEqualTo(String.valueOf("'-.|".charAt(j)));
      for (String method : List.of("gradcam", "hirescam")) {
        String stem = String.format("text.%s.t%02d", method, j);
        assertThat(token.path("maps").path(method).asText()).isEqualTo(stem + ".png");
        assertThat(out.resolve(stem + ".png")).exists();
        float[] map = Npy.read(out.resolve(stem + ".npy")).data();
        int width = TargetModels.STEPS * TargetModels.BAND;
        double inside = 0;
        double total = 0;
        int peak = 0;
        for (int p = 0; p < map.length; p++) {
          int x = p % width;
          total += map[p];
          inside += x / TargetModels.BAND == step ? map[p] : 0;
          peak = map[p] > map[peak] ? p : peak;
        }
        assertThat(peak % width / TargetModels.BAND).as(stem + ": the peak's time step").isEqualTo(step);
        assertThat(inside / total).as(stem + ": the share of the map over the character").isGreaterThan(0.9);
      }
      JsonNode json = new ObjectMapper().readTree(out.resolve(String.format("text.gradcam.t%02d.json", j)).toFile());
      assertThat(json.path("target").path("value").asDouble()).isEqualTo(token.path("score").asDouble(),
          org.assertj.core.data.Offset.offset(1e-5));
    }
    assertThat(out.resolve("text.gradcam.png")).exists();
  }

  @Test
  void targetsThatDoNotFitTheOutputNameItsShapeAndTheFormsThatFit() throws IOException {
    Path crnn = save("crnn.onnx", TargetModels.textRecognizer());
    Path text = picture("text.png", TargetModels.textPicture("_'_-_._|"));
    Cli.Result top1 = Cli.run(explainRaw("--model", crnn.toString(), "--image", text.toString(),
        "--out", tmp.resolve("o").toString()));
    assertThat(top1.exitCode()).isNotZero();
    assertThat(top1.err()).contains("--target top1 does not fit output 'logits' of shape [N, 8, 5]")
        .contains("step:T[:C]").contains("sequence").doesNotContain("Exception");
    Path unet = save("unet.onnx", TargetModels.segmenter(3));
    Cli.Result step = Cli.run("explain", "--model", unet.toString(), "--image", text.toString(), "--resize", "8",
        "--crop", "8", "--target", "step:2", "--out", tmp.resolve("o").toString());
    assertThat(step.err()).contains("output 'y' of shape [N, 3, 8, 8]").contains("region[:C][@x0,y0,x1,y1|@MASK.png]")
        .doesNotContain("step:T");
    Path embedder = save("embedder.onnx", TargetModels.embedder());
    Cli.Result region = Cli.run("explain", "--model", embedder.toString(), "--image", text.toString(), "--resize", "8",
        "--crop", "8", "--target", "region:1", "--out", tmp.resolve("o").toString());
    assertThat(region.err()).contains("output 'y' of shape [N, 8]").contains("top1").contains("similar-to:IMAGE");
    Cli.Result box = Cli.run("explain", "--model", unet.toString(), "--image", text.toString(), "--resize", "8",
        "--crop", "8", "--target", "box:0,0,4,4", "--out", tmp.resolve("o").toString());
    assertThat(box.err()).contains("a box needs YOLO-style raw detections");
  }

  @Test
  void regionBoxAndSimilarityTargetsReportTheirValue() throws IOException {
    Path text = picture("text.png", TargetModels.textPicture("_'_-_._|"));
    Path unet = save("unet.onnx", TargetModels.segmenter(3));
    Path out = tmp.resolve("out");
    Cli.Result region = Cli.run("explain", "--model", unet.toString(), "--image", text.toString(), "--resize", "8",
        "--crop", "8", "--target", "region:2@0,0,4,4", "--out", out.toString());
    assertThat(region.exitCode()).as(region.err()).isZero();
    JsonNode target = new ObjectMapper().readTree(out.resolve("text.gradcam.json").toFile()).path("target");
    assertThat(target.path("mode").asText()).isEqualTo("class 2 over a region");
    assertThat(target.path("output").asText()).isEqualTo("y");
    assertThat(target.has("value")).isTrue();

    Path other = picture("other.png", TargetModels.textPicture("||||||||"));
    Path embedder = save("embedder.onnx", TargetModels.embedder());
    Cli.Result similar = Cli.run("explain", "--model", embedder.toString(), "--image", text.toString(), "--resize", "8",
        "--crop", "8", "--target", "similar-to:" + other, "--out", out.toString());
    assertThat(similar.exitCode()).as(similar.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(out.resolve("text.gradcam.json").toFile()).path("target");
    assertThat(s.path("mode").asText()).isEqualTo("similarity to a reference embedding");
    assertThat(s.path("value").asDouble()).isBetween(-1.0, 0.9999);
  }

  @Test
  void boxTargetsFindTheDetectionInBothLayouts() throws IOException {
    Path image = picture("scene.png", TargetModels.textPicture("|-.'|-.'"));
    // The reference box: the triple detector's most confident detection, from a plain forward pass.
    ModelProto triples = TargetModels.detectorTriples();
    float[] boxes;
    float[] scores;
    Path out = tmp.resolve("out");
    Cli.Result plain = Cli.run("explain", "--model", save("detector.onnx", triples).toString(), "--image",
        image.toString(), "--resize", "16", "--crop", "16", "--output", "scores", "--target", "0", "--raw",
        "--out", out.toString());
    assertThat(plain.exitCode()).as(plain.err()).isZero();
    FloatTensor input = inputOf(image);
    try (OnnxSession s = new OnnxSession(OnnxModel.of(triples, "detector"), 1)) {
      Map<String, FloatTensor> o = s.run(Map.of("x", input), List.of("boxes", "scores"));
      boxes = o.get("boxes").data();
      scores = o.get("scores").data();
    }
    int best = 0;
    for (int d = 1; d < TargetModels.BOXES; d++) {
      best = scores[d] > scores[best] ? d : best;
    }
    String box = String.format(java.util.Locale.ROOT, "box:%f,%f,%f,%f", boxes[4 * best], boxes[4 * best + 1],
        boxes[4 * best + 2], boxes[4 * best + 3]);
    Cli.Result triple = Cli.run("explain", "--model", tmp.resolve("detector.onnx").toString(), "--image",
        image.toString(), "--resize", "16", "--crop", "16", "--output", "scores", "--target", box, "--out", out.toString());
    assertThat(triple.exitCode()).as(triple.err()).isZero();
    JsonNode t = new ObjectMapper().readTree(out.resolve("scene.gradcam.json").toFile()).path("target");
    assertThat(t.path("mode").asText()).startsWith("detection " + best + " ");
    assertThat(t.path("value").asDouble()).isEqualTo(scores[best], org.assertj.core.data.Offset.offset(1e-5));

    Cli.Result yolo = Cli.run("explain", "--model", save("yolo.onnx", TargetModels.detector()).toString(), "--image",
        image.toString(), "--resize", "16", "--crop", "16", "--target", box, "--out", out.toString());
    assertThat(yolo.exitCode()).as(yolo.err()).isZero();
    JsonNode y = new ObjectMapper().readTree(out.resolve("scene.gradcam.json").toFile()).path("target");
    assertThat(y.path("mode").asText()).startsWith("detection best overlapping box");
    // objectness x best class score = the triple model's score of the same detection.
    assertThat(y.path("value").asDouble()).isEqualTo(scores[best], org.assertj.core.data.Offset.offset(1e-5));
  }

  /** The image as the CLI feeds it with the imagenet preset at 16 x 16 (resize and crop are no-ops). */
  private static FloatTensor inputOf(Path image) {
    var pre = org.gradcam4j.image.Preprocessing.preset("imagenet").withResize(16).withCrop(16);
    return FloatTensor.stack(List.of(pre.normalize(pre.resizeAndCrop(org.gradcam4j.image.ImageDecoder.read(image)))));
  }

  @Test
  void secondInputsAreFedAndChannelsLastModelsGiveTheirTwinsMaps() throws IOException {
    Path image = picture("scene.png", TargetModels.textPicture("|-.'|-.'"));
    Path vqa = save("vqa.onnx", TargetModels.twoInputs());
    Path question = tmp.resolve("question.json");
    Files.writeString(question, "[[0.5, -1, 0.25, 2]]");
    Cli.Result r = Cli.run("explain", "--model", vqa.toString(), "--image", image.toString(), "--resize", "8",
        "--crop", "8", "--input", "question=" + question, "--image-input", "image", "--out", tmp.resolve("q").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    Cli.Result missing = Cli.run("explain", "--model", vqa.toString(), "--image", image.toString(), "--resize", "8",
        "--crop", "8", "--out", tmp.resolve("q").toString());
    assertThat(missing.err()).contains("2 run-time inputs (image, question)").contains("--input NAME=FILE.npy");

    Path nhwc = save("nhwc.onnx", TargetModels.channelsLast());
    Path nchw = save("nchw.onnx", TargetModels.channelsFirstTwin());
    for (Path m : List.of(nhwc, nchw)) {
      Cli.Result c = Cli.run("explain", "--model", m.toString(), "--image", image.toString(), "--resize", "8",
          "--crop", "8", "--methods", "gradcam,guided-backprop", "--raw", "--out", tmp.resolve(m.getFileName() + "-out").toString());
      assertThat(c.exitCode()).as(c.err()).isZero();
    }
    for (String method : List.of("gradcam", "guided-backprop")) {
      float[] last = Npy.read(tmp.resolve("nhwc.onnx-out/scene." + method + ".npy")).data();
      float[] first = Npy.read(tmp.resolve("nchw.onnx-out/scene." + method + ".npy")).data();
      assertThat(last).containsExactly(first, org.assertj.core.data.Offset.offset(1e-5f));
    }
  }
}
