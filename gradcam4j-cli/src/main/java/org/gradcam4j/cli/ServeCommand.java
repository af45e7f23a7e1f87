package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.server.ExplainServer;
import org.gradcam4j.server.ModelSource;
import org.gradcam4j.server.ServerConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code gradcam4j serve}: the explain page and REST API. Model arguments are resolved by this
 * command's {@link ModelResolver} and handed to the server as loaders; the server never sees a path
 * from a request.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {
      "Starts a web server with the explain page (upload or pick an image, choose model, methods, layer and "
          + "class, change opacity and colour map in the browser) and a REST API in the shape of KServe's "
          + "explain protocol (docs/server.md). It listens at once and loads the models afterwards. With no "
          + "--model or --models-dir it serves the built-in demo model and a few synthetic sample images."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--host", defaultValue = ServerConfig.LOCALHOST, paramLabel = "ADDRESS",
      description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 shares it"
          + " with the network: set --token then).")
  String host;

  @Option(names = {"-p", "--port"}, defaultValue = "8080", paramLabel = "N",
      description = "The port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = {"-m", "--model"}, paramLabel = "FILE|NAME", arity = "1..*",
      description = "Model(s) to serve: ONNX files, catalogue names (resnet50, ...), random:resnet50 or demo."
          + " Requests choose among these by name.")
  List<String> models;

  @Option(names = "--models-dir", paramLabel = "DIR",
      description = "Serve every .onnx file in this folder (with its model card, if any), named after the file.")
  Path modelsDir;

  @Option(names = "--token", paramLabel = "T",
      description = "Require 'Authorization: Bearer T' on every API request (the page asks for it). Also read"
          + " from $GRADCAM4J_TOKEN.")
  String token;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "ONNX Runtime intra-op threads per model (default: one per physical core).")
  int threads;

  @Option(names = "--workers", paramLabel = "N", defaultValue = "2",
      description = "Explain requests run at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--queue", paramLabel = "N", defaultValue = "8",
      description = "Explain requests that may wait for a worker; more are answered 503 with Retry-After"
          + " (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
      description = "Longest time for one explain request, waiting included (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Option(names = "--max-body", paramLabel = "MIB", defaultValue = "16",
      description = "Largest request body in MiB (default: ${DEFAULT-VALUE}).")
  int maxBodyMib;

  @Option(names = "--max-pixels", paramLabel = "N", defaultValue = "40000000",
      description = "Largest image in pixels, checked in its header before decoding (default: ${DEFAULT-VALUE}).")
  long maxPixels;

  @Option(names = "--exit-when-ready", hidden = true,
      description = "Start, wait for the models, print their state and stop (for scripts and tests).")
  boolean exitWhenReady;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ModelSource> sources = new ArrayList<>();
    if (models != null) {
      for (String m : models) {
        sources.add(new ModelSource(ModelSource.sanitize(m), () -> ModelResolver.resolve(m, ProgressBar.forStderr(err))));
      }
    }
    if (modelsDir != null) {
      sources.addAll(ModelSource.directory(modelsDir));
    }
    if (sources.isEmpty()) {
      sources.add(ModelSource.demo());
    }
    String t = token != null ? token : System.getenv("GRADCAM4J_TOKEN");
    if (maxBodyMib < 1 || maxPixels < 1 || timeoutSeconds < 1) {
      throw new GradCamException("--max-body, --max-pixels and --timeout must be at least 1");
    }
    ServerConfig config = new ServerConfig(host, port, t, (long) maxBodyMib << 20, maxPixels, workers, queue,
        Duration.ofSeconds(timeoutSeconds), threads);
    ExplainServer server;
    try {
      server = ExplainServer.start(config, sources);
    } catch (RuntimeException e) {
      throw new GradCamException("Cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    try (server) {
      out.println("gradcam4j serve: " + server.url() + " (" + sources.size() + " model"
          + (sources.size() == 1 ? "" : "s") + ", loading; Ctrl+C stops)");
      if (!ServerConfig.LOCALHOST.equals(host) && !"localhost".equals(host) && t == null) {
        err.println("gradcam4j serve: warning: listening on " + host + " without --token; anyone who can reach it may use it");
      }
      out.flush();
      if (exitWhenReady) {
        server.awaitModels(600_000);
        out.println(server.modelStates());
        return 0;
      }
      server.join();
    }
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable r = e;
    while (r.getCause() != null) {
      r = r.getCause();
    }
    return r.getMessage() == null ? r.getClass().getSimpleName() : r.getMessage();
  }
}
