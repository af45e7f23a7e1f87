package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.RegionMass;

/**
 * The share of the map's positive mass inside the ground-truth regions ({@link RegionMass}): the
 * object masks where the data has them, else the union of its boxes. With a data set whose regions
 * mark something else (a watermark, a spurious cue) it measures how much an explanation rests there.
 */
public final class MassMetric implements MapMetric {
  public static final String INSIDE = "mass_inside";

  @Override
  public String name() {
    return "mass";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.higherIsBetter(INSIDE, "share of the map's positive mass inside the ground-truth"
        + " regions (masks, else boxes); energy-based pointing game"));
  }

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    return (image, map, reference, out) ->
        out.value(INSIDE, RegionMass.shareInside(map, image.truth().maskOrBoxes(map.width(), map.height())));
  }
}
