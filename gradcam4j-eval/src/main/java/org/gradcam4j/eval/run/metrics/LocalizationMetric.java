package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.Localization;

/**
 * Weakly-supervised localisation ({@link Localization}): the IoU of the box around the map's largest
 * region with the best ground-truth box, whether it is a hit, and the top-1 localisation error (a hit
 * with the right top-1 class), the last only for images whose classes are known.
 */
public final class LocalizationMetric implements MapMetric {
  public static final String IOU = "loc_iou";
  public static final String HIT = "loc_hit";
  public static final String ERROR_TOP1 = "loc_error_top1";

  @Override
  public String name() {
    return "localization";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.higherIsBetter(IOU, s -> "IoU of the box around the largest region above "
            + percent(s.localizationThreshold()) + " of the map's maximum with the best ground-truth box"),
        Column.higherIsBetter(HIT, s -> "share of images with that IoU >= " + s.minIou()),
        Column.lowerIsBetter(ERROR_TOP1, "top-1 localisation error: share of images that are not a hit with the"
            + " right top-1 class (images with a known class only)"));
  }

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    journal.put("localization_threshold", settings.localizationThreshold());
    journal.put("min_iou", settings.minIou());
  }

  @Override
  public List<String> columnsFor(ImageFacts image, MetricSettings settings) {
    return image.classCorrect() != null ? List.of(IOU, HIT, ERROR_TOP1) : List.of(IOU, HIT);
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    Localization localization = new Localization(worker.settings().localizationThreshold(),
        worker.settings().minIou());
    return (image, map, reference, out) -> {
      Localization.Result r = localization.evaluate(map, image.truth().boxList());
      out.value(IOU, r.bestIou());
      out.value(HIT, r.hit() ? 1.0 : 0.0);
      if (image.classCorrect() != null) {
        out.value(ERROR_TOP1, r.correct(image.classCorrect()) ? 0.0 : 1.0);
      }
    };
  }

  private static String percent(double fraction) {
    return Math.round(fraction * 1000) / 10.0 + " %";
  }
}
