package org.gradcam4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many clients at once on 127.0.0.1: every answer is 200 or 503 (with Retry-After), and every 200
 * carries exactly the map a single client gets for that image. The suite runs a small load; the
 * measurement in docs/benchmarks.md is the same code, larger:
 * {@code -Dgradcam4j.load.clients=50 -Dgradcam4j.load.requests=40 -Dgradcam4j.load.workers=2 -Dgradcam4j.load.queue=64}.
 */
class LoadTest {
  static final ObjectMapper JSON = new ObjectMapper();

  record Result(int status, String retryAfter, JsonNode body, double ms) {}

  @Test
  void concurrentClientsGetTheSingleClientMapsOrA503() throws Exception {
    int clients = Integer.getInteger("gradcam4j.load.clients", 10);
    int perClient = Integer.getInteger("gradcam4j.load.requests", 6);
    int workers = Integer.getInteger("gradcam4j.load.workers", 2);
    int queue = Integer.getInteger("gradcam4j.load.queue", 3);
    int images = 4;
    ServerConfig config = ServerConfig.defaults().withPort(0).withPool(workers, queue, Duration.ofSeconds(60));
    try (ExplainServer server = ExplainServer.start(config, List.of(ModelSource.demo()))) {
      assertThat(server.awaitModels(60_000)).isTrue();
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
      URI explain = URI.create("http://127.0.0.1:" + server.port() + "/v1/models/demo:explain");
      List<byte[]> bodies = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < images; i++) {
        bodies.add(ServerApiTest.explainBody(TestImages.samplePng(i), "{\"methods\": [\"gradcam\"]}"));
        Result single = post(http, explain, bodies.get(i));
        assertThat(single.status).isEqualTo(200);
        expected.add(single.body.at("/explanations/0/map_png").asText());
      }
      assertThat(expected).doesNotHaveDuplicates();

      ConcurrentLinkedQueue<Result> results = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<String> mismatches = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      AtomicInteger next = new AtomicInteger();
      for (int c = 0; c < clients; c++) {
        Thread t = new Thread(() -> {
          try {
            start.await();
            for (int r = 0; r < perClient; r++) {
              int image = next.getAndIncrement() % images;
              Result res = post(http, explain, bodies.get(image));
              results.add(res);
              if (res.status == 200 && !res.body.at("/explanations/0/map_png").asText().equals(expected.get(image))) {
                mismatches.add("image " + image);
              }
            }
          } catch (Throwable e) {
            failures.add(e);
          }
        });
        t.start();
        threads.add(t);
      }
      long t0 = System.nanoTime();
      start.countDown();
      for (Thread t : threads) {
        t.join(600_000);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(failures).isEmpty();
      assertThat(results).hasSize(clients * perClient);
      List<Double> ok = new ArrayList<>();
      int busy = 0;
      for (Result r : results) {
        assertThat(r.status).as("%s", r.body).isIn(200, 503);
        if (r.status == 503) {
          busy++;
          assertThat(r.retryAfter).isNotNull();
          assertThat(r.body.get("error").asText()).contains("busy");
        } else {
          ok.add(r.ms);
        }
      }
      assertThat(mismatches).as("200 answers whose map differs from the single-client map").isEmpty();
      assertThat(ok).isNotEmpty();
      assertThat(server.rejectedCount()).isEqualTo(busy);
      // still serving
      assertThat(post(http, explain, bodies.get(0)).status).isEqualTo(200);

      Collections.sort(ok);
      String line = String.format(Locale.ROOT,
          "%d clients x %d requests, %d workers, queue %d: %d x 200, %d x 503 in %.1f s (%.1f requests/s);"
              + " latency of the 200s p50 %.1f ms, p95 %.1f ms; resident memory after: %d MiB",
          clients, perClient, workers, queue, ok.size(), busy, seconds, results.size() / seconds,
          ok.get(ok.size() / 2), ok.get(Math.min(ok.size() - 1, (int) Math.ceil(ok.size() * 0.95) - 1)),
          residentMib());
      System.out.println(line);
      Files.writeString(Path.of("target", "load-test.txt"), line + "\n");
    }
  }

  static Result post(HttpClient http, URI uri, byte[] body) throws Exception {
    long t0 = System.nanoTime();
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    double ms = (System.nanoTime() - t0) / 1e6;
    return new Result(r.statusCode(), r.headers().firstValue("Retry-After").orElse(null), JSON.readTree(r.body()), ms);
  }

  /** VmRSS of this JVM (server and clients together), or -1 where /proc is absent. */
  static long residentMib() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (l.startsWith("VmRSS:")) {
          return Long.parseLong(l.replaceAll("\\D", "")) / 1024;
        }
      }
    } catch (Exception e) {
      return -1;
    }
    return -1;
  }
}
