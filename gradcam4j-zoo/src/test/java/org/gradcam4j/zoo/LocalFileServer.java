package org.gradcam4j.zoo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP server on 127.0.0.1 (ephemeral port) for download tests. Each path gets a behaviour
 * (serve with Range support, ignore Range, redirect, fail) that a test can swap between
 * attempts; every request is recorded with its Range header, and the body bytes sent are counted.
 */
final class LocalFileServer implements AutoCloseable {
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

  /** One request as the server saw it. */
  record Request(String path, String range) {}

  /** What the server does for a path. */
  interface Behaviour {
    void handle(HttpExchange exchange, LocalFileServer server) throws IOException;
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final AtomicLong bodyBytesSent = new AtomicLong();

  LocalFileServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getPath();
      requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Range")));
      Behaviour behaviour = behaviours.get(path);
      try {
        if (behaviour == null) {
          exchange.sendResponseHeaders(404, -1);
        } else {
          behaviour.handle(exchange, this);
        }
      } finally {
        exchange.close();
      }
    });
    server.start();
  }

  void serve(String path, Behaviour behaviour) {
    behaviours.put(path, behaviour);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  long hits(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  long bodyBytesSent() {
    return bodyBytesSent.get();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** A port on which nothing listens (it was free a moment ago). */
  static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  // ---- behaviours ----

  /** Serves {@code body}, honouring "Range: bytes=N-" with 206 Partial Content like a file server. */
  static Behaviour withRanges(byte[] body) {
    return (exchange, server) -> {
      String range = exchange.getRequestHeaders().getFirst("Range");
      Matcher m = range == null ? null : RANGE.matcher(range);
      if (m != null && m.matches()) {
        int from = Integer.parseInt(m.group(1));
        if (from >= body.length) {
          exchange.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
        server.send(exchange, 206, body, from, body.length - from);
      } else {
        server.send(exchange, 200, body, 0, body.length);
      }
    };
  }

  /** Serves the whole of {@code body} with 200 whatever the Range header says. */
  static Behaviour ignoringRanges(byte[] body) {
    return (exchange, server) -> server.send(exchange, 200, body, 0, body.length);
  }

  /** Answers 302 with a Location on this server. */
  static Behaviour redirectTo(String path) {
    return (exchange, server) -> {
      exchange.getResponseHeaders().add("Location", server.url(path));
      exchange.sendResponseHeaders(302, -1);
    };
  }

  /** Answers 302 with an absolute Location, e.g. on another server. */
  static Behaviour redirectToUrl(String url) {
    return (exchange, server) -> {
      exchange.getResponseHeaders().add("Location", url);
      exchange.sendResponseHeaders(302, -1);
    };
  }

  /** Answers with an empty body and the given status. */
  static Behaviour status(int code) {
    return (exchange, server) -> exchange.sendResponseHeaders(code, -1);
  }

  /** Waits before delegating, so that concurrent requests overlap. */
  static Behaviour slow(long millis, Behaviour then) {
    return (exchange, server) -> {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      then.handle(exchange, server);
    };
  }

  private void send(HttpExchange exchange, int status, byte[] body, int from, int length) throws IOException {
    exchange.sendResponseHeaders(status, length);
    // Counted before writing: the client can read the last byte, and the test read this counter,
    // before this thread gets past the write.
    bodyBytesSent.addAndGet(length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body, from, length);
    }
  }
}
