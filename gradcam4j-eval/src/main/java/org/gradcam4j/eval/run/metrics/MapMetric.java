package org.gradcam4j.eval.run.metrics;

import org.gradcam4j.eval.SaliencyMap;

/** A metric that scores one map at a time. */
public interface MapMetric extends MetricRule {
  /** A scorer for one worker thread. */
  Scorer scorer(WorkerContext worker);

  /** Scores maps one by one, on one thread. */
  interface Scorer {
    /**
     * Scores one finite map of {@code image}.
     *
     * @param reference the reference method's map of the image, for metrics that
     *     {@linkplain MetricRule#comparesWithReference() compare with one}; null otherwise
     */
    void score(ImageFacts image, SaliencyMap map, SaliencyMap reference, Scores out);
  }
}
