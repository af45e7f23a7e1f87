package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.PerturbationCurve;

/**
 * The insertion curve ({@link DeletionInsertion}): the class score as the most relevant pixels are
 * inserted first into the baseline, and the area under it (higher is better).
 */
public final class InsertionMetric implements MapMetric {
  public static final String AUC = "insertion_auc";
  /** The curve's name in the journal, the per-image JSON and the plot. */
  public static final String CURVE = "insertion";

  @Override
  public String name() {
    return "insertion";
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.higherIsBetter(AUC, s -> "area under the insertion curve ("
        + s.deletionInsertion().insertionBaseline().label() + " baseline)"));
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    DeletionMetric.recordDeletionInsertion(settings, journal);
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
      PerturbationCurve c = curves.insertion(image.image(), map, image.explainedClass(), worker.model());
      out.value(AUC, c.auc());
      out.curve(CURVE, c.fractions(), c.scores());
    };
  }
}
