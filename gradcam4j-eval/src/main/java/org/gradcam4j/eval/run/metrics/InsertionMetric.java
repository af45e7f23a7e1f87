package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.PerturbationCurve;
import org.gradcam4j.eval.SaliencyMap;

/**
 * The insertion curve ({@link DeletionInsertion}): the class score as the most relevant pixels are
 * inserted first into the baseline, and the area under it (higher is better).
 */
public final class InsertionMetric extends DeletionInsertionMetric {
  public static final String AUC = "insertion_auc";
  /** The curve's name in the journal, the per-image JSON and the plot. */
  public static final String CURVE = "insertion";

  public InsertionMetric() {
    super(CURVE, AUC);
  }

  @Override
  public List<Column> columns() {
    return List.of(Column.higherIsBetter(AUC, s -> "area under the insertion curve ("
        + s.deletionInsertion().insertionBaseline().label() + " baseline)"));
  }

  @Override
  PerturbationCurve curve(DeletionInsertion curves, ImageFacts image, SaliencyMap map, WorkerContext worker) {
    return curves.insertion(image.image(), map, image.explainedClass(), worker.model());
  }
}
