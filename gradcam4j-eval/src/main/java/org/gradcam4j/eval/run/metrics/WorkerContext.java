package org.gradcam4j.eval.run.metrics;

import java.util.function.Supplier;
import org.gradcam4j.eval.ClassScorer;

/**
 * What a metric's scorer may use on the worker thread it serves. Scorers keep work arrays from map to
 * map, so each worker thread has its own.
 */
public interface WorkerContext {
  /** The evaluation's metric settings. */
  MetricSettings settings();

  /** The model, giving class probabilities for batches of perturbed images. */
  ClassScorer model();

  /**
   * This worker's one instance of {@code type}, made by {@code make} on first use: metrics that need
   * the same tool (deletion and insertion share their batch buffers) get the same object. It serves
   * this thread only, one metric at a time.
   */
  <T> T shared(Class<T> type, Supplier<T> make);
}
