package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.gradcam4j.eval.MapToMask;
import org.gradcam4j.eval.SegmentationScore;
import org.gradcam4j.eval.truth.Mask;

/**
 * Weakly-supervised segmentation: the map becomes a mask ({@link MapToMask}: guided-filter refinement,
 * Otsu's or a fixed threshold, the largest component) that is compared with the ground-truth mask
 * ({@link SegmentationScore}). Only images with a pixel mask are scored: a box is no outline.
 */
public final class SegmentationMetric implements MapMetric {
  public static final String IOU = "seg_iou";
  public static final String PIXEL_ACCURACY = "seg_pixel_accuracy";

  @Override
  public String name() {
    return "segmentation";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.higherIsBetter(IOU, s -> "segmentation: IoU of the mask made from the map (" + describe(s.segmentation())
            + ") with the ground-truth mask; its mean is the mean IoU"),
        Column.higherIsBetter(PIXEL_ACCURACY, "segmentation: share of pixels on the right side of that mask"));
  }

  @Override
  public boolean needsGroundTruth() {
    return true;
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    MapToMask m = settings.segmentation();
    journal.put("segmentation_threshold", m.thresholdText());
    journal.put("segmentation_components", m.components());
    journal.put("segmentation_refine", m.refine());
  }

  @Override
  public List<String> columnsFor(ImageFacts image, MetricSettings settings) {
    return image.truth().mask().isPresent() ? List.of(IOU, PIXEL_ACCURACY) : List.of();
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    MapToMask mapToMask = worker.settings().segmentation();
    return (image, map, reference, out) -> {
      if (image.truth().mask().isEmpty()) {
        return;
      }
      Mask truth = image.truth().maskOrBoxes(map.width(), map.height());
      SegmentationScore score = SegmentationScore.of(mapToMask.apply(map, image.image()), truth);
      out.value(IOU, score.iou());
      out.value(PIXEL_ACCURACY, score.pixelAccuracy());
    };
  }

  private static String describe(MapToMask m) {
    String threshold = m.otsu() ? "Otsu's threshold" : "threshold " + Math.round(m.fraction() * 1000) / 10.0
        + " % of the maximum";
    String kept = m.components() == 0 ? "all components" : m.components() == 1 ? "the largest component"
        : "the " + m.components() + " largest components";
    return (m.refine() ? "guided filter, " : "") + threshold + ", " + kept;
  }
}
