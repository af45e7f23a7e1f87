package org.gradcam4j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of one explanation: their names, and that each holds what the explanation says. */
class ExplanationFilesTest {
  private static final int WIDTH = 12;
  private static final int HEIGHT = 8;
  private static final Preprocessing PRE = Preprocessing.preset("imagenet");
  private static final List<String> LABELS = List.of("cat", "dog", "fox");

  @TempDir
  Path dir;

  /** A 2x3 layer map: not normalised, so the .npy at input size must differ from it. */
  private final FloatTensor lowRes = new FloatTensor(new long[] {2, 3}, new float[] {0, 1, 2, 3, 4, 6});

  @Test
  void aLayerMapGetsAnOverlayAReportAndBothRawMaps() throws IOException {
    Explanation e = explanation("gradcam", lowRes, null);
    List<Path> written = files(true).write(image(e), e, "photos/cat.png", 12.3456);

    assertThat(names()).containsExactlyInAnyOrder("cat.gradcam.png", "cat.gradcam.json", "cat.gradcam.npy",
        "cat.gradcam.lowres.npy");
    assertThat(written).hasSize(4).last().isEqualTo(dir.resolve("cat.gradcam.json"));

    RgbImage png = ImageDecoder.read(dir.resolve("cat.gradcam.png"));
    assertThat(png.width()).isEqualTo(WIDTH);
    assertThat(png.height()).isEqualTo(HEIGHT);

    Npy.Array map = Npy.read(dir.resolve("cat.gradcam.npy"));
    assertThat(map.shape()).containsExactly(HEIGHT, WIDTH);
    assertThat(map.data()).containsExactly(e.displayMap(HEIGHT, WIDTH));
    assertThat(max(map.data())).isCloseTo(1f, within(1e-6f));
    Npy.Array low = Npy.read(dir.resolve("cat.gradcam.lowres.npy"));
    assertThat(low.shape()).containsExactly(2, 3);
    assertThat(low.data()).containsExactly(lowRes.data());

    JsonNode json = new ObjectMapper().readTree(dir.resolve("cat.gradcam.json").toFile());
    assertThat(json.path("image").asText()).isEqualTo("photos/cat.png");
    assertThat(json.path("model").asText()).isEqualTo("tiny.onnx");
    assertThat(json.path("empty").isBoolean()).isTrue();
    assertThat(json.path("empty").asBoolean()).isFalse();
    assertThat(json.has("note")).isFalse();
    assertThat(json.path("method").asText()).isEqualTo("gradcam");
    assertThat(json.path("target").path("mode").asText()).isEqualTo("top-1");
    assertThat(json.path("target").path("counterfactual").asBoolean()).isFalse();
    assertThat(json.path("target").path("class").asInt()).isEqualTo(1);
    assertThat(json.path("target").path("label").asText()).isEqualTo("dog");
    assertThat(json.path("target").path("score").floatValue()).isEqualTo(2.5f);
    assertThat(json.path("top5")).hasSize(3);
    assertThat(json.path("top5").get(0).path("label").asText()).isEqualTo("dog");
    assertThat(json.path("top5").get(2).path("index").asInt()).isEqualTo(0);
    assertThat(json.path("layer").asText()).isEqualTo("conv_out");
    assertThat(json.path("score_tensor").asText()).isEqualTo("logits");
    assertThat(json.path("prediction_tensor").asText()).isEqualTo("probabilities");
    assertThat(json.path("input_shape").toString()).isEqualTo("[3,8,12]");
    assertThat(json.path("lowres_shape").toString()).isEqualTo("[2,3]");
    assertThat(json.has("attribution_shape")).isFalse();
    assertThat(json.path("map_shape").toString()).isEqualTo("[8,12]");
    assertThat(json.path("preprocessing").asText()).isEqualTo(PRE.toString());
    assertThat(json.path("timings_ms").path("explain_per_image").asDouble()).isEqualTo(12.346);
    assertThat(json.path("timings_ms").path("render").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("cat.gradcam.json"))).startsWith("{\n  \"image\" : ").endsWith("}\n");
  }

  @Test
  void aPixelAttributionIsWrittenAsItIsAndWithoutRawOnlyPictureAndReport() throws IOException {
    float[] values = new float[3 * HEIGHT * WIDTH];
    for (int i = 0; i < values.length; i++) {
      values[i] = (i % 7) - 3;
    }
    FloatTensor attribution = new FloatTensor(new long[] {3, HEIGHT, WIDTH}, values);
    Explanation e = explanation("saliency", null, attribution);
    files(true).write(image(e), e, "cat.png", 1);

    Npy.Array raw = Npy.read(dir.resolve("cat.saliency.npy"));
    assertThat(raw.shape()).containsExactly(3, HEIGHT, WIDTH);
    assertThat(raw.data()).containsExactly(values);
    assertThat(Files.exists(dir.resolve("cat.saliency.lowres.npy"))).isFalse();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("cat.saliency.json").toFile());
    assertThat(json.path("attribution_shape").toString()).isEqualTo("[3,8,12]");
    assertThat(json.has("lowres_shape")).isFalse();
    assertThat(json.has("layer")).isFalse();

    Explanation layerMap = explanation("gradcam", lowRes, null);
    files(false).write(image(layerMap), layerMap, "cat.png", 1);
    assertThat(names()).containsExactlyInAnyOrder("cat.saliency.png", "cat.saliency.json", "cat.saliency.npy",
        "cat.gradcam.png", "cat.gradcam.json");
  }

  @Test
  void classesWithoutANameGetNoLabel() throws IOException {
    Explanation e = explanation("gradcam", lowRes, null);
    ExplanationFiles files = new ExplanationFiles(new ExplanationFiles.Options(dir, RenderOptions.defaults(), false),
        new ExplanationFiles.Provenance("tiny.onnx", "logits", PRE, List.of()));
    files.write(image(e), e, "cat.png", 1);

    JsonNode json = new ObjectMapper().readTree(dir.resolve("cat.gradcam.json").toFile());
    assertThat(json.path("target").path("class").asInt()).isEqualTo(1);
    assertThat(json.path("target").has("label")).isFalse();
    assertThat(json.path("top5").get(0).has("label")).isFalse();
    assertThat(files.png("cat", "gradcam")).isEqualTo(dir.resolve("cat.gradcam.png"));
  }

  @Test
  void aBlankCounterfactualMapIsFlaggedWithWhatItMeans() throws IOException {
    FloatTensor zeros = new FloatTensor(new long[] {2, 3}, new float[6]);
    float[] scores = {0.5f, 2.5f, 1f};
    Explanation e = new Explanation("gradcam-counterfactual", Target.topPrediction().counterfactual(), 1, 2.5f,
        "conv_out", "logits", scores, scores, new Explanation.LayerMap(zeros, null));
    files(false).write(image(e), e, "photos/cat.png", 1);
    JsonNode json = new ObjectMapper().readTree(dir.resolve("cat.gradcam-counterfactual.json").toFile());
    assertThat(json.path("empty").asBoolean()).isTrue();
    assertThat(json.path("note").asText()).startsWith("no evidence against dog at layer conv_out");
  }

  private ExplanationFiles files(boolean raw) {
    return new ExplanationFiles(new ExplanationFiles.Options(dir, RenderOptions.defaults(), raw),
        new ExplanationFiles.Provenance("tiny.onnx", "probabilities", PRE, LABELS));
  }

  /** Class 1 ("dog") explained as the top prediction; {@code lowRes} or {@code attribution} is the map. */
  private static Explanation explanation(String method, FloatTensor lowRes, FloatTensor attribution) {
    float[] scores = {0.5f, 2.5f, 1f};
    return new Explanation(method, Target.topPrediction(), 1, 2.5f, lowRes != null ? "conv_out" : null, "logits",
        scores, scores, lowRes != null ? new Explanation.LayerMap(lowRes, null) : new Explanation.PixelAttribution(attribution));
  }

  private static ExplainedImage image(Explanation e) {
    RgbImage input = RgbImage.blank(WIDTH, HEIGHT);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        input.set(x, y, 0, x * 20);
        input.set(x, y, 1, y * 30);
      }
    }
    return new ExplainedImage("cat", input, Map.of(e.method(), e));
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).toList();
    }
  }

  private static float max(float[] values) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      m = Math.max(m, v);
    }
    return m;
  }
}
