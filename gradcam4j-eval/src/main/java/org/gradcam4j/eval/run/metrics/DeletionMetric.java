package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.PerturbationCurve;

/**
 * The deletion curve ({@link DeletionInsertion}): the class score as the most relevant pixels are
 * deleted first, and the area under it (lower is better).
 */
public final class DeletionMetric implements MapMetric {
  public static final String AUC = "deletion_auc";
  /** The curve's name in the journal, the per-image JSON and the plot. */
  public static final String CURVE = "deletion";

  @Override
  public String name() {
    return "deletion";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.lowerIsBetter(AUC, s -> "area under the deletion curve ("
        + s.deletionInsertion().deletionBaseline().label() + " baseline)"));
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    recordDeletionInsertion(settings, journal);
  }

  /** The one journal entry of deletion and insertion, which share their settings. */
  static void recordDeletionInsertion(MetricSettings settings, ObjectNode journal) {
    DeletionInsertion.Settings d = settings.deletionInsertion();
    journal.put("deletion_insertion", "steps=" + d.steps() + " pixels_per_step=" + d.pixelsPerStep()
        + " deletion=" + d.deletionBaseline().label() + " insertion=" + d.insertionBaseline().label()
        + " blur_sigma=" + d.blurSigma() + " tie_seed=" + d.tieSeed());
  }

  @Override
  public List<CurvePlot> plots() {
    return List.of(new PerturbationCurvePlot(CURVE));
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    DeletionInsertion curves = worker.shared(DeletionInsertion.class,
        () -> new DeletionInsertion(worker.settings().deletionInsertion()));
    return (image, map, reference, out) -> {
      PerturbationCurve c = curves.deletion(image.image(), map, image.explainedClass(), worker.model());
      out.value(AUC, c.auc());
      out.curve(CURVE, c.fractions(), c.scores());
    };
  }
}
