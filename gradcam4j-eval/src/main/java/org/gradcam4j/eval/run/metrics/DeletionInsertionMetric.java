package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.PerturbationCurve;
import org.gradcam4j.eval.SaliencyMap;

/**
 * What deletion and insertion share: one curve of {@link DeletionInsertion}, its area as a column,
 * the curve in the journal and its plot, and the settings the two record as one journal entry. The
 * two metrics differ only in which curve they draw and which way is better.
 */
abstract class DeletionInsertionMetric implements MapMetric {
  private final String curve;
  private final String aucColumn;

  DeletionInsertionMetric(String curve, String aucColumn) {
    this.curve = curve;
    this.aucColumn = aucColumn;
  }

  /** This metric's curve of one map. */
  abstract PerturbationCurve curve(DeletionInsertion curves, ImageFacts image, SaliencyMap map, WorkerContext worker);

  @Override
  public String name() {
    return curve;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    DeletionInsertion.Settings d = settings.deletionInsertion();
    journal.put("deletion_insertion", "steps=" + d.steps() + " pixels_per_step=" + d.pixelsPerStep()
        + " deletion=" + d.deletionBaseline().label() + " insertion=" + d.insertionBaseline().label()
        + " blur_sigma=" + d.blurSigma() + " tie_seed=" + d.tieSeed());
  }

  @Override
  public List<CurvePlot> plots() {
    return List.of(new PerturbationCurvePlot(curve));
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    // One DeletionInsertion per worker serves both metrics (its buffers are the memory that matters).
    DeletionInsertion curves = worker.shared(DeletionInsertion.class,
        () -> new DeletionInsertion(worker.settings().deletionInsertion()));
    return (image, map, reference, out) -> {
      PerturbationCurve c = curve(curves, image, map, worker);
      out.value(aucColumn, c.auc());
      out.curve(curve, c.fractions(), c.scores());
    };
  }
}
