package org.gradcam4j.zoo;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a download stream on which no data arrived for too long. The JDK HTTP client has no read
 * timeout for a response body, so a server that stops sending without closing the connection would
 * otherwise block the download forever; closing the stream makes the blocked read return.
 */
final class StallWatch implements AutoCloseable {
  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gradcam4j-download-watchdog");
    t.setDaemon(true); // never keeps the program alive
    return t;
  });

  private final Closeable stream;
  private final long limitNanos;
  private final ScheduledFuture<?> task;
  private volatile long lastActivity;
  private volatile boolean fired;

  StallWatch(Closeable stream, Duration limit) {
    this.stream = stream;
    this.limitNanos = limit.toNanos();
    this.lastActivity = System.nanoTime();
    long period = Math.max(limitNanos / 4, TimeUnit.MILLISECONDS.toNanos(10));
    this.task = TIMER.scheduleAtFixedRate(this::check, period, period, TimeUnit.NANOSECONDS);
  }

  /** Data arrived. */
  void touch() {
    lastActivity = System.nanoTime();
  }

  /** True when the watch closed the stream because it stalled. */
  boolean fired() {
    return fired;
  }

  private void check() {
    if (!fired && System.nanoTime() - lastActivity > limitNanos) {
      fired = true;
      try {
        stream.close();
      } catch (IOException ignored) {
        // the reader notices the closed stream either way
      }
    }
  }

  @Override
  public void close() {
    task.cancel(false);
  }
}
