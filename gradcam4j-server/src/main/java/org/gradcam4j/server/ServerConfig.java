package org.gradcam4j.server;

import java.time.Duration;
import org.gradcam4j.error.GradCamException;

/**
 * How the server listens and what it accepts.
 *
 * @param host the address to bind (127.0.0.1 unless told otherwise)
 * @param port the port, 0 for any free one
 * @param token when not {@code null}, every API request must carry {@code Authorization: Bearer <token>}
 * @param maxBodyBytes the largest request body
 * @param maxPixels the largest image, in pixels, read from its header before it is decoded
 * @param workers explain requests run at once
 * @param queue explain requests waiting for a worker; more are answered 503 with Retry-After
 * @param timeout how long one explain request may take (waiting included)
 * @param threads ONNX Runtime intra-op threads per model (0 = ONNX Runtime's choice)
 */
public record ServerConfig(String host, int port, String token, long maxBodyBytes, long maxPixels, int workers,
    int queue, Duration timeout, int threads) {

  public static final String LOCALHOST = "127.0.0.1";

  public ServerConfig {
    if (port < 0 || port > 65535) {
      throw new GradCamException("The port must be 0..65535, got " + port);
    }
    if (workers < 1 || queue < 0) {
      throw new GradCamException("Need at least one worker and a queue of 0 or more, got " + workers + " and " + queue);
    }
    if (token != null && token.isBlank()) {
      throw new GradCamException("The token must not be empty");
    }
  }

  /** 127.0.0.1:8080, no token, 16 MiB bodies, 40 megapixel images, two workers, eight waiting, 60 s. */
  public static ServerConfig defaults() {
    return new ServerConfig(LOCALHOST, 8080, null, 16L << 20, 40_000_000L, 2, 8, Duration.ofSeconds(60), 0);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, token, maxBodyBytes, maxPixels, workers, queue, timeout, threads);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, token, maxBodyBytes, maxPixels, workers, queue, timeout, threads);
  }

  public ServerConfig withToken(String t) {
    return new ServerConfig(host, port, t, maxBodyBytes, maxPixels, workers, queue, timeout, threads);
  }

  public ServerConfig withLimits(long bodyBytes, long pixels) {
    return new ServerConfig(host, port, token, bodyBytes, pixels, workers, queue, timeout, threads);
  }

  public ServerConfig withPool(int w, int q, Duration t) {
    return new ServerConfig(host, port, token, maxBodyBytes, maxPixels, w, q, t, threads);
  }

  public ServerConfig withThreads(int n) {
    return new ServerConfig(host, port, token, maxBodyBytes, maxPixels, workers, queue, timeout, n);
  }
}
