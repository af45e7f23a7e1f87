package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.SaliencyMap;

/** A metric that scores all maps of one image together, e.g. to send them to the model as one batch. */
public interface ImageMetric extends MetricRule {
  /** A scorer for one worker thread. */
  Scorer scorer(WorkerContext worker);

  /** Scores the maps of one image at a time, on one thread. */
  interface Scorer {
    /** Scores the finite maps of {@code image}; {@code out.get(k)} takes the values of {@code maps.get(k)}. */
    void score(ImageFacts image, List<SaliencyMap> maps, List<Scores> out);
  }
}
