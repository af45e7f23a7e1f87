package org.gradcam4j.server;

/** A request the server answers with {@code status} and a JSON message naming the problem. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final Integer retryAfterSeconds;

  ApiException(int status, String message) {
    this(status, message, null);
  }

  ApiException(int status, String message, Integer retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
