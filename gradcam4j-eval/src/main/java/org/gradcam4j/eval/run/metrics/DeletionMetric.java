package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.PerturbationCurve;
import org.gradcam4j.eval.SaliencyMap;

/**
 * The deletion curve ({@link DeletionInsertion}): the class score as the most relevant pixels are
 * deleted first, and the area under it (lower is better).
 */
public final class DeletionMetric extends DeletionInsertionMetric {
  public static final String AUC = "deletion_auc";
  /** The curve's name in the journal, the per-image JSON and the plot. */
  public static final String CURVE = "deletion";

  public DeletionMetric() {
    super(CURVE, AUC);
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.lowerIsBetter(AUC, s -> "area under the deletion curve ("
        + s.deletionInsertion().deletionBaseline().label() + " baseline)"));
  }

  @Override
  PerturbationCurve curve(DeletionInsertion curves, ImageFacts image, SaliencyMap map, WorkerContext worker) {
    return curves.deletion(image.image(), map, image.explainedClass(), worker.model());
  }
}
