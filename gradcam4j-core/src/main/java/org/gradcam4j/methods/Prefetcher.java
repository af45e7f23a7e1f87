package org.gradcam4j.methods;

import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.gradcam4j.error.GradCamException;

/**
 * Runs a producer on a background thread, a bounded number of items ahead of the consumer. The
 * perturbation methods (Score-CAM, RISE) use it so that building the next batch of masked images on
 * the JVM overlaps with ONNX Runtime scoring the current one, instead of leaving the runtime idle
 * meanwhile.
 *
 * @param <T> the items handed over, e.g. a batch of masked images with what it stands for
 */
final class Prefetcher<T> implements AutoCloseable {
  /** Produces the items in order, handing each to {@code sink} (which blocks while the queue is full). */
  interface Producer<T> {
    void produce(Consumer<T> sink) throws Exception;
  }

  private static final Object END = new Object();

  private final BlockingQueue<Object> queue;
  private final Thread thread;
  private volatile Throwable failure;
  private boolean ended;

  /**
   * @param ahead how many finished items may wait for the consumer (memory bound: each is a batch)
   */
  Prefetcher(Producer<T> producer, int ahead) {
    this.queue = new ArrayBlockingQueue<>(ahead + 1);
    this.thread = new Thread(() -> {
      try {
        producer.produce(item -> put(item));
      } catch (Throwable t) {
        failure = t;
      } finally {
        try {
          queue.put(END);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }, "gradcam4j-prefetch");
    thread.setDaemon(true);
    thread.start();
  }

  private void put(T item) {
    try {
      queue.put(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** The next item, or empty once the producer has finished; rethrows what the producer threw. */
  @SuppressWarnings("unchecked")
  Optional<T> next() {
    if (ended) {
      return Optional.empty();
    }
    Object item;
    try {
      item = queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GradCamException("Interrupted while waiting for the next batch", e);
    }
    if (item == END) {
      ended = true;
      Throwable t = failure;
      if (t instanceof RuntimeException r) {
        throw r;
      }
      if (t instanceof Error err) {
        throw err;
      }
      if (t != null) {
        throw new GradCamException("Preparing a batch failed: " + t.getMessage(), t);
      }
      return Optional.empty();
    }
    return Optional.of((T) item);
  }

  /** Stops the producer if the consumer gives up early (an exception while scoring). */
  @Override
  public void close() {
    if (thread.isAlive()) {
      thread.interrupt();
      queue.clear();
    }
  }
}
