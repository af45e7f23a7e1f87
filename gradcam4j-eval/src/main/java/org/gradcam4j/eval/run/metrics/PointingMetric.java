package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.PointingGame;

/**
 * The pointing game ({@link PointingGame}): whether the map's maximum lies on the object, within the
 * tolerance and, when the tolerance is not zero, also exactly.
 */
public final class PointingMetric implements MapMetric {
  public static final String HIT = "pointing_hit";
  public static final String HIT_EXACT = "pointing_hit_exact";

  @Override
  public String name() {
    return "pointing";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.higherIsBetter(HIT, s -> "pointing game: share of images whose map maximum is within "
            + s.pointingTolerance() + " px of the object"),
        Column.higherIsBetter(HIT_EXACT, "pointing game with no tolerance: the maximum lies on the object"));
  }

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    journal.put("pointing_tolerance", settings.pointingTolerance());
  }

  @Override
  public List<String> columnsFor(ImageFacts image, MetricSettings settings) {
    // With no tolerance the exact hit is the hit itself, so it gets no column of its own.
    return settings.pointingTolerance() > 0 ? List.of(HIT, HIT_EXACT) : List.of(HIT);
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    int tolerance = worker.settings().pointingTolerance();
    PointingGame pointing = new PointingGame(tolerance);
    PointingGame exact = tolerance > 0 ? new PointingGame(0) : null;
    return (image, map, reference, out) -> {
      out.value(HIT, pointing.evaluate(map, image.truth()).hit() ? 1.0 : 0.0);
      if (exact != null) {
        out.value(HIT_EXACT, exact.evaluate(map, image.truth()).hit() ? 1.0 : 0.0);
      }
    };
  }
}
