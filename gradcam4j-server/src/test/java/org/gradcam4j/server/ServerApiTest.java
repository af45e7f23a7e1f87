package org.gradcam4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API with a plain HTTP client, on 127.0.0.1: every endpoint, every kind of bad input. */
class ServerApiTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static ExplainServer server;
  static HttpClient http;
  static String base;

  @BeforeAll
  static void start() throws Exception {
    server = ExplainServer.start(ServerConfig.defaults().withPort(0).withLimits(2_000_000, 40_000_000),
        List.of(ModelSource.demo()));
    base = "http://127.0.0.1:" + server.port();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    assertThat(server.awaitModels(60_000)).isTrue();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Answer(int status, JsonNode body, HttpResponse<byte[]> raw) {}

  static Answer get(String path) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  static Answer post(String path, byte[] body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  static Answer send(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
    String type = r.headers().firstValue("Content-Type").orElse("");
    JsonNode body = type.startsWith("application/json") ? JSON.readTree(r.body()) : null;
    return new Answer(r.statusCode(), body, r);
  }

  static byte[] explainBody(byte[] image, String params) {
    return ("{\"instances\": [{\"image_bytes\": {\"b64\": \"" + Base64.getEncoder().encodeToString(image)
        + "\"}}], \"parameters\": " + params + "}").getBytes();
  }

  @Test
  void listsAndDescribesTheModel() throws Exception {
    Answer list = get("/v1/models");
    assertThat(list.status).isEqualTo(200);
    assertThat(list.body.at("/models/0/name").asText()).isEqualTo("demo");
    assertThat(list.body.at("/models/0/state").asText()).isEqualTo("ready");

    Answer demo = get("/v1/models/demo");
    assertThat(demo.status).isEqualTo(200);
    assertThat(demo.body.at("/inputs/0/explained_shape").toString()).isEqualTo("[1,3,64,64]");
    assertThat(demo.body.at("/labels").toString()).contains("circle", "square", "arrow");
    assertThat(demo.body.at("/score_tensor").asText()).isEqualTo("logits");
    JsonNode layers = demo.body.get("layers");
    assertThat(layers.size()).isGreaterThan(1);
    long defaults = 0;
    for (JsonNode l : layers) {
      assertThat(l.get("shape").size()).isEqualTo(4);
      if (l.get("default").asBoolean()) {
        defaults++;
        assertThat(l.get("name").asText()).isEqualTo("features");
      }
    }
    assertThat(defaults).isEqualTo(1);
    assertThat(demo.body.get("methods").toString()).contains("gradcam", "gradcam++", "scorecam");
  }

  @Test
  void explainsInTheShapeOfKServe() throws Exception {
    Answer a = post("/v1/models/demo:explain", explainBody(TestImages.samplePng(0),
        "{\"methods\": [\"gradcam\", \"layercam\"], \"outputs\": [\"png\", \"floats\", \"low_res\", \"input\"], \"top_k\": 3}"));
    assertThat(a.status).as("%s", a.body).isEqualTo(200);
    JsonNode p = a.body.at("/predictions/0");
    assertThat(p.get("top").size()).isEqualTo(3);
    assertThat(p.at("/top/0/label").asText()).isNotBlank();
    assertThat(p.get("label").asText()).isEqualTo(p.at("/top/0/label").asText());
    JsonNode ex = a.body.get("explanations");
    assertThat(ex.size()).isEqualTo(2);
    assertThat(ex.get(0).get("method").asText()).isEqualTo("gradcam");
    assertThat(ex.get(1).get("method").asText()).isEqualTo("layercam");
    JsonNode g = ex.get(0);
    assertThat(g.get("target_class").asInt()).isEqualTo(p.get("class").asInt());
    assertThat(g.get("layer").asText()).isEqualTo("features");
    byte[] png = Base64.getDecoder().decode(g.get("map_png").asText());
    assertThat(Arrays.copyOf(png, 4)).isEqualTo(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
    assertThat(g.at("/map/shape").toString()).isEqualTo("[64,64]");
    assertThat(g.at("/map/data").size()).isEqualTo(64 * 64);
    double max = 0;
    for (JsonNode v : g.at("/map/data")) {
      assertThat(v.asDouble()).isBetween(0.0, 1.0);
      max = Math.max(max, v.asDouble());
    }
    assertThat(max).isCloseTo(1.0, org.assertj.core.api.Assertions.within(1e-5));
    assertThat(g.at("/low_res/shape").size()).isEqualTo(2);
    assertThat(a.body.at("/timing_ms/explain").asDouble()).isPositive();
    assertThat(p.get("input_png").asText()).isNotEmpty();

    // another class, counterfactual
    int other = p.at("/top/1/class").asInt();
    Answer b = post("/v1/models/demo:explain", explainBody(TestImages.samplePng(0),
        "{\"target\": " + other + ", \"counterfactual\": true}"));
    assertThat(b.status).isEqualTo(200);
    assertThat(b.body.at("/explanations/0/target_class").asInt()).isEqualTo(other);
    assertThat(b.body.at("/explanations/0/counterfactual").asBoolean()).isTrue();
    assertThat(b.body.at("/explanations/0/map_png").asText()).isNotEqualTo(g.get("map_png").asText());
  }

  @Test
  void servesThePageTheSamplesAndOpenApi() throws Exception {
    HttpResponse<byte[]> page = get("/").raw;
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(new String(page.body())).contains("id=\"opacity\"", "app.js", "id=\"drop\"").doesNotContain("https://");
    Answer openapi = get("/openapi.json");
    assertThat(openapi.status).isEqualTo(200);
    assertThat(openapi.body.at("/paths").toString()).contains("/v1/models/{name}:explain");
    Answer samples = get("/v1/samples");
    assertThat(samples.body.get("samples").size()).isEqualTo(ExplainServer.SAMPLE_COUNT);
    HttpResponse<byte[]> png = get("/v1/samples/0.png").raw;
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.body()).isEqualTo(TestImages.samplePng(0));
    Answer cm = get("/v1/colormaps");
    assertThat(cm.body.get("jet").asText()).hasSize(256 * 6);
  }

  static void assertProblem(Answer a, int status, String... words) throws Exception {
    assertThat(a.status).as("%s", a.body).isEqualTo(status);
    assertThat(a.raw.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    assertThat(a.body.get("error").asText()).contains(words).doesNotContain("Exception", "\tat ");
    // and the server still answers
    assertThat(get("/v1/models").status).isEqualTo(200);
  }

  @Test
  void badInputIsA4xxNamingTheProblem() throws Exception {
    assertProblem(post("/v1/models/resnet9000:explain", explainBody(TestImages.samplePng(0), "{}")), 404,
        "No model named 'resnet9000'", "demo");
    assertProblem(get("/v1/models/nope"), 404, "nope");
    assertProblem(post("/v1/models/demo:explain",
        "{\"instances\": [{\"image_bytes\": {\"b64\": \"###not base64###\"}}]}".getBytes()), 400,
        "instances[0].image_bytes.b64", "not valid base64");
    assertProblem(post("/v1/models/demo:explain", explainBody("just some text, not an image\n".getBytes(), "{}")), 400,
        "not a PNG or JPEG");
    byte[] jpeg = TestImages.jpeg(96, 80);
    assertThat(post("/v1/models/demo:explain", explainBody(jpeg, "{}")).status).isEqualTo(200);
    assertProblem(post("/v1/models/demo:explain", explainBody(Arrays.copyOf(jpeg, jpeg.length / 2), "{}")), 400,
        "instances[0]", "truncated");
    assertProblem(post("/v1/models/demo:explain", explainBody(TestImages.pngHeader(100_000, 100_000), "{}")), 413,
        "100000x100000", "limit");
    assertProblem(post("/v1/models/demo:explain", explainBody(ImageHeaderTest.claimingJpeg(60_000, 50_000), "{}")), 413,
        "60000x50000", "limit");
    assertProblem(post("/v1/models/demo:explain", new byte[2_500_000]), 413, "limit of 2000000 bytes");
    assertProblem(post("/v1/models/..%2F..%2Fetc%2Fmodel.onnx:explain", explainBody(TestImages.samplePng(0), "{}")),
        400, "by name, never by path");
    assertProblem(post("/v1/models/demo:explain", "{\"instances\": [".getBytes()), 400, "not valid JSON");
    assertProblem(post("/v1/models/demo:explain", explainBody(TestImages.samplePng(0), "{\"methods\": [\"gradkam\"]}")),
        400, "gradkam");
    assertProblem(post("/v1/models/demo:explain", explainBody(TestImages.samplePng(0), "{\"target\": 8}")), 400,
        "class 8 is out of range");
    assertProblem(post("/v1/models/demo:explain", explainBody(TestImages.samplePng(0), "{\"layer\": \"nolayer\"}")),
        400, "nolayer");
    assertProblem(get("/v1/nothing-here"), 404, "/v1/nothing-here");
  }

  @Test
  void aTokenGuardsTheApi() throws Exception {
    try (ExplainServer guarded = ExplainServer.start(ServerConfig.defaults().withPort(0).withToken("s3cret"),
        List.of(ModelSource.demo()))) {
      String url = "http://127.0.0.1:" + guarded.port() + "/v1/models";
      HttpResponse<String> none = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.body()).contains("needs a token");
      HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer x").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(wrong.statusCode()).isEqualTo(401);
      HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer s3cret").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(right.statusCode()).isEqualTo(200);
    }
  }

  @Test
  void listensBeforeTheModelIsLoadedAndSaysSo() throws Exception {
    long t0 = System.nanoTime();
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    ModelSource slow = new ModelSource("slow", () -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return ModelSource.demo().loader().get();
    });
    try (ExplainServer s = ExplainServer.start(ServerConfig.defaults().withPort(0), List.of(slow))) {
      long listeningMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(listeningMs).as("ms until the server listens").isLessThan(1500);
      System.out.println("listening after " + listeningMs + " ms");
      String url = "http://127.0.0.1:" + s.port();
      HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/models")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(models.body()).at("/models/0/state").asText()).isEqualTo("loading");
      HttpResponse<String> early = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/models/slow:explain"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(explainBody(TestImages.samplePng(0), "{}"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(early.statusCode()).isEqualTo(503);
      assertThat(early.headers().firstValue("Retry-After")).isPresent();
      assertThat(early.body()).contains("still loading");
      release.countDown();
      assertThat(s.awaitModels(60_000)).isTrue();
      HttpResponse<String> later = http.send(HttpRequest.newBuilder(URI.create(url + "/v1/models/slow:explain"))
          .POST(HttpRequest.BodyPublishers.ofByteArray(explainBody(TestImages.samplePng(0), "{}"))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(later.statusCode()).isEqualTo(200);
    }
  }
}
