package org.gradcam4j.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.UriCompliance;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.methods.Methods;

/**
 * The explain server: the page at {@code /}, the REST API under {@code /v1}, {@code /openapi.json}.
 * It listens first and loads its models afterwards, in the background; every model is loaded once and
 * shared. At most {@code workers} explain requests run at once and {@code queue} more wait; beyond
 * that the answer is 503 with Retry-After, as it is when no worker frees up within the time-out. Bad input is answered 4xx with {@code {"error": "..."}} naming the problem.
 *
 * <pre>{@code
 * try (ExplainServer server = ExplainServer.start(ServerConfig.defaults(), List.of(ModelSource.demo()))) {
 *   System.out.println("http://127.0.0.1:" + server.port() + "/");
 *   server.join();
 * }
 * }</pre>
 */
public final class ExplainServer implements AutoCloseable {
  /** Synthetic sample images offered on the page. */
  static final int SAMPLE_COUNT = 6;
  private static final long SAMPLE_SEED = 7;
  private static final String WEB = "/org/gradcam4j/server/web/";

  private final ServerConfig config;
  private final Map<String, ServedModel> models = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private final ExplainService service;
  /** One permit per worker: an explain runs on its request's thread once it holds one. */
  private final Semaphore permits;
  /** Explain requests running or waiting; beyond workers + queue the answer is 503. */
  private final AtomicInteger admitted = new AtomicInteger();
  private final Thread loader;
  private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
  private final AtomicLong rejected = new AtomicLong();
  private final List<byte[]> samples = new ArrayList<>();
  private Javalin app;

  private ExplainServer(ServerConfig config, List<ModelSource> sources) {
    if (sources.isEmpty()) {
      throw new GradCamException("The server needs at least one model");
    }
    this.config = config;
    for (ModelSource s : sources) {
      if (models.put(s.name(), new ServedModel(s)) != null) {
        throw new GradCamException("Two models are named '" + s.name() + "'; names must be unique");
      }
    }
    this.service = new ExplainService(json, config);
    this.permits = new Semaphore(config.workers(), true);
    this.loader = new Thread(this::loadModels, "gradcam4j-model-loader");
    this.loader.setDaemon(true);
  }

  /** Starts listening, then loads the models in the background (see {@link #awaitModels}). */
  public static ExplainServer start(ServerConfig config, List<ModelSource> sources) {
    ExplainServer s = new ExplainServer(config, sources);
    s.listen();
    s.loader.start();
    return s;
  }

  /** The port it listens on (the chosen one when the configuration said 0). */
  public int port() {
    return app.port();
  }

  public String url() {
    String h = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + h + ":" + port() + "/";
  }

  /** Waits until every model is loaded or has failed; false on time-out. */
  public boolean awaitModels(long millis) throws InterruptedException {
    loader.join(millis);
    return !loader.isAlive();
  }

  /** Requests so far whose path starts with {@code prefix} (the page's asset and API calls included). */
  public long requestCount(String prefix) {
    return requests.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToLong(e -> e.getValue().get()).sum();
  }

  /** Explain requests answered 503 because the pool and its queue were full. */
  public long rejectedCount() {
    return rejected.get();
  }

  /** The configured model of that name (for tests in this package). */
  ServedModel served(String name) {
    return models.get(name);
  }

  /** One line per model: "name: state (progress)". */
  public String modelStates() {
    StringBuilder b = new StringBuilder();
    for (ServedModel m : models.values()) {
      b.append(b.length() == 0 ? "" : "\n").append(m.name()).append(": ").append(m.state().name().toLowerCase(java.util.Locale.ROOT))
          .append(m.state() == ServedModel.State.READY ? " (" + m.loadMs() + " ms)" : " (" + m.progress() + ")");
    }
    return b.toString();
  }

  /** Blocks until the server is stopped. */
  public void join() throws InterruptedException {
    while (app != null && app.jettyServer().server().isRunning()) {
      Thread.sleep(500);
    }
  }

  @Override
  public void close() {
    if (app != null) {
      app.stop();
    }
    loader.interrupt();
    for (ServedModel m : models.values()) {
      m.close();
    }
  }

  private void loadModels() {
    for (ServedModel m : models.values()) {
      if (Thread.currentThread().isInterrupted()) {
        return;
      }
      m.load(intraOpThreads());
    }
  }

  /**
   * ONNX Runtime threads per model: as configured, else the cores shared out among the workers, so
   * that requests run side by side rather than competing for (and spinning on) the same cores.
   */
  int intraOpThreads() {
    return config.threads() > 0 ? config.threads()
        : Math.max(1, Runtime.getRuntime().availableProcessors() / config.workers());
  }

  // ---------------------------------------------------------------- routes

  private void listen() {
    app = Javalin.create(c -> {
      c.showJavalinBanner = false;
      c.startupWatcherEnabled = false;
      c.http.maxRequestSize = config.maxBodyBytes();
      c.http.generateEtags = false;
      // Model names with an encoded '/' must reach the route (and be refused there, as JSON).
      c.jetty.modifyHttpConfiguration(h -> h.setUriCompliance(UriCompliance.LEGACY));
      c.router.mount(r -> {
        r.before(this::count);
        r.before("/v1/*", this::authorize);
        r.get("/", ctx -> asset(ctx, "index.html", "text/html; charset=utf-8"));
        r.get("/app.js", ctx -> asset(ctx, "app.js", "text/javascript; charset=utf-8"));
        r.get("/app.css", ctx -> asset(ctx, "app.css", "text/css; charset=utf-8"));
        r.get("/openapi.json", ctx -> asset(ctx, "openapi.json", "application/json"));
        r.get("/v1/models", this::listModels);
        r.get("/v1/models/{name}", this::describeModel);
        r.post("/v1/models/{name}", this::explain);
        r.get("/v1/methods", ctx -> send(ctx, 200, json.valueToTree(Methods.names())));
        r.get("/v1/colormaps", this::colormaps);
        r.get("/v1/samples", this::listSamples);
        r.get("/v1/samples/{index}", this::sample);
        r.exception(ApiException.class, (e, ctx) -> {
          if (e.retryAfterSeconds != null) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds));
          }
          error(ctx, e.status, e.getMessage());
        });
        r.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
            e.getStatus() == 413 ? "The request body is larger than this server's limit of " + config.maxBodyBytes()
                + " bytes" : e.getMessage()));
        r.exception(Exception.class, (e, ctx) -> error(ctx, 500, "Internal error: " + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + ExplainService.firstLine(e.getMessage()))));
        r.error(404, ctx -> {
          if (ctx.result() == null || !String.valueOf(ctx.contentType()).startsWith("application/json")) {
            error(ctx, 404, "No such page or endpoint: " + ctx.method() + " " + ctx.path());
          }
        });
        r.error(405, ctx -> error(ctx, 405, "Method " + ctx.method() + " is not allowed on " + ctx.path()));
      });
    });
    app.start(config.host(), config.port());
  }

  private void count(Context ctx) {
    requests.computeIfAbsent(ctx.path(), k -> new AtomicLong()).incrementAndGet();
  }

  private void authorize(Context ctx) {
    if (config.token() == null) {
      return;
    }
    String h = ctx.header("Authorization");
    String expected = "Bearer " + config.token();
    if (h == null || !MessageDigest.isEqual(h.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiException(401, h == null ? "This server needs a token: send 'Authorization: Bearer <token>'"
          : "The token is wrong");
    }
  }

  private void listModels(Context ctx) {
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("models");
    for (ServedModel m : models.values()) {
      list.add(summary(m));
    }
    send(ctx, 200, out);
  }

  private ObjectNode summary(ServedModel m) {
    ObjectNode o = json.createObjectNode();
    o.put("name", m.name());
    o.put("state", m.state().name().toLowerCase(java.util.Locale.ROOT));
    o.put("ready", m.state() == ServedModel.State.READY);
    o.put("progress", m.progress());
    if (m.error() != null) {
      o.put("error", m.error());
    }
    if (m.state() == ServedModel.State.READY || m.state() == ServedModel.State.FAILED) {
      o.put("load_ms", m.loadMs());
    }
    return o;
  }

  private ServedModel model(Context ctx, String name) {
    if (name.contains("/") || name.contains("\\") || name.contains("..") || name.startsWith(".")) {
      throw new ApiException(400, "A model is chosen by name, never by path: '" + name + "' is not a model name;"
          + " GET /v1/models lists the names");
    }
    ServedModel m = models.get(name);
    if (m == null) {
      throw new ApiException(404, "No model named '" + name + "'; this server serves: " + String.join(", ", models.keySet()));
    }
    return m;
  }

  private void describeModel(Context ctx) {
    String name = ctx.pathParam("name");
    if (name.endsWith(":explain")) {
      throw new ApiException(405, "Explain with POST /v1/models/" + name);
    }
    ServedModel m = model(ctx, name).requireReady();
    ObjectNode o = summary(m);
    var rt = m.explainer().runtime();
    ObjectNode input = o.putArray("inputs").addObject();
    input.put("name", rt.imageInput());
    input.set("shape", json.valueToTree(rt.declaredInputShape()));
    input.set("explained_shape", json.valueToTree(m.inputShape()));
    input.put("preprocessing", m.preprocessing().toString());
    ArrayNode outputs = o.putArray("outputs");
    for (String out : rt.outputNames()) {
      outputs.addObject().put("name", out).put("explained", out.equals(m.scoreTensor()));
    }
    o.put("score_tensor", m.scoreTensor());
    o.put("class_count", m.classCount());
    o.set("labels", json.valueToTree(m.labels()));
    ArrayNode layers = o.putArray("layers");
    for (ServedModel.Layer l : m.layers()) {
      layers.addObject().put("name", l.name()).put("default", l.isDefault()).set("shape", json.valueToTree(l.shape()));
    }
    o.set("methods", json.valueToTree(Methods.names()));
    send(ctx, 200, o);
  }

  private void explain(Context ctx) throws Exception {
    String spec = ctx.pathParam("name");
    if (!spec.endsWith(":explain")) {
      throw new ApiException(404, "POST /v1/models/{name}:explain explains; '" + spec + "' has no ':explain'");
    }
    ServedModel m = model(ctx, spec.substring(0, spec.length() - ":explain".length()));
    long started = System.nanoTime();
    long length = ctx.req().getContentLengthLong();
    if (length > config.maxBodyBytes()) {
      throw new ApiException(413, "The request body (" + length + " bytes) is larger than this server's limit of "
          + config.maxBodyBytes() + " bytes");
    }
    m.requireReady();
    // admitted before the body is read: at most workers + queue bodies are held in memory at once
    if (admitted.incrementAndGet() > config.workers() + config.queue()) {
      admitted.decrementAndGet();
      rejected.incrementAndGet();
      throw new ApiException(503, "The server is busy (" + config.workers() + " explaining, " + config.queue()
          + " waiting); try again shortly", 1);
    }
    ObjectNode out;
    try {
      ExplainService.Parsed parsed = service.parse(ctx.bodyAsBytes(), m);
      if (!permits.tryAcquire(config.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ApiException(503, "No worker became free within this server's limit of "
            + config.timeout().toSeconds() + " s; try again later", 5);
      }
      try {
        out = service.explain(parsed, m);
      } finally {
        permits.release();
      }
    } finally {
      admitted.decrementAndGet();
    }
    ((ObjectNode) out.get("timing_ms")).put("request", Math.round((System.nanoTime() - started) / 1e4) / 100.0);
    send(ctx, 200, out);
  }

  private void colormaps(Context ctx) {
    ObjectNode out = json.createObjectNode();
    for (String n : Colormap.names()) {
      Colormap c = Colormap.named(n);
      StringBuilder hex = new StringBuilder(256 * 6);
      for (int level = 0; level < 256; level++) {
        hex.append(String.format("%06x", c.rgb(level)));
      }
      out.put(n, hex.toString());
    }
    send(ctx, 200, out);
  }

  private synchronized List<byte[]> samples() {
    if (samples.isEmpty()) {
      SyntheticDataset data = new SyntheticDataset(SAMPLE_SEED);
      for (int i = 0; i < SAMPLE_COUNT; i++) {
        samples.add(PngWriter.encode(data.sample(i).image()));
      }
    }
    return samples;
  }

  private void listSamples(Context ctx) {
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("samples");
    SyntheticDataset data = new SyntheticDataset(SAMPLE_SEED);
    for (int i = 0; i < SAMPLE_COUNT; i++) {
      list.addObject().put("name", "shape-" + i).put("url", "/v1/samples/" + i + ".png")
          .put("shape", data.classNames().get(data.labelOf(i)));
    }
    send(ctx, 200, out);
  }

  private void sample(Context ctx) {
    String s = ctx.pathParam("index").replaceFirst("\\.png$", "");
    int i;
    try {
      i = Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ApiException(404, "No sample '" + s + "'; samples are numbered 0.." + (SAMPLE_COUNT - 1));
    }
    if (i < 0 || i >= SAMPLE_COUNT) {
      throw new ApiException(404, "No sample " + i + "; samples are numbered 0.." + (SAMPLE_COUNT - 1));
    }
    ctx.contentType("image/png").result(samples().get(i));
  }

  private void asset(Context ctx, String name, String type) throws IOException {
    try (InputStream in = ExplainServer.class.getResourceAsStream(WEB + name)) {
      if (in == null) {
        throw new ApiException(404, "The page asset " + name + " is missing from this build");
      }
      ctx.header("Cache-Control", "no-cache");
      ctx.contentType(type).result(in.readAllBytes());
    }
  }

  private void send(Context ctx, int status, Object body) {
    try {
      ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new GradCamException("Cannot write JSON: " + e.getMessage(), e);
    }
  }

  private void error(Context ctx, int status, String message) {
    ObjectNode o = json.createObjectNode();
    o.put("error", message);
    o.put("status", status);
    send(ctx, status, o);
  }
}
