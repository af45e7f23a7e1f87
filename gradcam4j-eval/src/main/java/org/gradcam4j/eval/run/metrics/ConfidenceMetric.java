package org.gradcam4j.eval.run.metrics;

import java.util.List;
import org.gradcam4j.eval.ConfidenceChange;

/**
 * Average drop and increase in confidence ({@link ConfidenceChange}) when the model sees only
 * {@code image * map}. The maps of one image are scored together with the image, in one batch.
 */
public final class ConfidenceMetric implements ImageMetric {
  public static final String AVERAGE_DROP = "average_drop_pct";
  public static final String INCREASE = "increase_in_confidence_pct";

  @Override
  public String name() {
    return "confidence";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.lowerIsBetter(AVERAGE_DROP, "Average Drop in % when the model sees only image x map"),
        Column.higherIsBetter(INCREASE, "Increase in Confidence: % of images where image x map scores higher"
            + " than the image"));
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    // The perturbation metrics' batch size; it changes the speed only, not the values.
    ConfidenceChange confidence = new ConfidenceChange(worker.settings().deletionInsertion().batchSize());
    return (image, maps, out) -> {
      List<ConfidenceChange.Result> r = confidence.evaluate(image.image(), maps, image.explainedClass(),
          worker.model());
      for (int k = 0; k < maps.size(); k++) {
        out.get(k).value(AVERAGE_DROP, 100 * r.get(k).drop());
        out.get(k).value(INCREASE, r.get(k).increase() ? 100.0 : 0.0);
      }
    };
  }
}
