package org.gradcam4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * A warm explain request against the library doing the same work in-process (decode, explain,
 * encode the map as PNG and base64), measured side by side, alternating, medians compared.
 */
class OverheadTest {

  @Test
  void demoModel() throws Exception {
    double ratio = measure(ModelSource.demo(), TestImages.samplePng(0), "demo", 100);
    // the demo model explains in a few milliseconds: HTTP and JSON are a visible share of it
    assertThat(ratio).isLessThan(Boolean.getBoolean("gradcam4j.bench") ? 2.0 : 4.0);
  }

  /**
   * The target is 1.2x; the suite checks a looser bound (a shared build machine's scheduling delays
   * fall on the request's thread hand-overs, not on the in-process call), the measurement run
   * ({@code -Dgradcam4j.bench=true}) checks the target.
   */
  @Test
  void realModel() throws Exception {
    Path model = SharedData.model(SharedData.MOBILENET_V2);
    byte[] photo = Files.readAllBytes(SharedData.image("chelsea.png"));
    double ratio = measure(ModelSource.file(model), photo, "mobilenetv2", 60);
    assertThat(ratio).as("warm request / library explain + encoding")
        .isLessThanOrEqualTo(Boolean.getBoolean("gradcam4j.bench") ? 1.2 : 2.5);
  }

  private static double measure(ModelSource source, byte[] image, String label, int rounds) throws Exception {
    try (ExplainServer server = ExplainServer.start(ServerConfig.defaults().withPort(0), List.of(source))) {
      assertThat(server.awaitModels(120_000)).isTrue();
      ServedModel m = server.served(source.name()).requireReady();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      URI uri = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/" + source.name() + ":explain");
      byte[] body = ServerApiTest.explainBody(image, "{\"methods\": [\"gradcam\"]}");
      double[] lib = new double[rounds];
      double[] req = new double[rounds];
      String libMap = null;
      String reqMap = null;
      for (int i = -5; i < rounds; i++) {
        long t0 = System.nanoTime();
        RgbImage decoded = ImageDecoder.decode(image, Path.of(label));
        ExplainedImage r = m.explainer().explainImages(List.of(decoded), List.of(label)).preprocessing(m.preprocessing())
            .scoreTensor(m.scoreTensor()).methods("gradcam").run().get(0);
        Explanation e = r.explanation("gradcam");
        float[] map = e.displayMap(r.input().height(), r.input().width());
        libMap = Base64.getEncoder().encodeToString(PngWriter.encode(ExplainService.grey(map, r.input().width(), r.input().height())));
        long t1 = System.nanoTime();
        LoadTest.Result res = LoadTest.post(http, uri, body);
        long t2 = System.nanoTime();
        assertThat(res.status()).isEqualTo(200);
        reqMap = res.body().at("/explanations/0/map_png").asText();
        if (i >= 0) {
          lib[i] = (t1 - t0) / 1e6;
          req[i] = (t2 - t1) / 1e6;
        }
      }
      assertThat(reqMap).as("the server's map is the library's").isEqualTo(libMap);
      double libMs = quantile(lib, 0.5);
      double reqMs = quantile(req, 0.5);
      double libQ = quantile(lib, 0.25);
      double reqQ = quantile(req, 0.25);
      // the lower quartile: what each path costs when the machine leaves it alone (a shared build machine
      // does not); the medians are recorded beside it
      double ratio = reqQ / libQ;
      String line = String.format(Locale.ROOT, "%s gradcam, %d alternating rounds: library explain + encoding"
          + " p25 %.2f ms / median %.2f ms, warm request p25 %.2f ms / median %.2f ms: %.2fx at p25, %.2fx at the median",
          label, rounds, libQ, libMs, reqQ, reqMs, ratio, reqMs / libMs);
      System.out.println(line);
      Files.writeString(Path.of("target", "overhead.txt"), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      return ratio;
    }
  }

  private static double quantile(double[] v, double q) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[(int) Math.floor(q * (s.length - 1))];
  }
}
