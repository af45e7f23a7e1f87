package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.OcclusionFaithfulness;

/**
 * Faithfulness ({@link OcclusionFaithfulness}): the Spearman rank correlation of each map with the
 * reference method's map of the same image (occlusion unless set otherwise).
 */
public final class FaithfulnessMetric implements MapMetric {
  public static final String SPEARMAN = "faithfulness_spearman";

  @Override
  public String name() {
    return "faithfulness";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.higherIsBetter(SPEARMAN, "Spearman rank correlation with the reference method's map"
        + " (occlusion unless set otherwise)"));
  }

  @Override
  public boolean comparesWithReference() {
    return true;
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    return (image, map, reference, out) -> out.value(SPEARMAN,
        reference.isFinite() ? OcclusionFaithfulness.spearman(map, reference) : Double.NaN);
  }
}
