package org.gradcam4j.eval.run;

import java.util.List;
import java.util.Set;

/**
 * The names of the per-image values (the columns of the results table), in table order, and which
 * way is better for each.
 */
final class Columns {
  static final String LOC_IOU = "loc_iou";
  static final String LOC_HIT = "loc_hit";
  static final String LOC_ERROR_TOP1 = "loc_error_top1";
  static final String POINTING_HIT = "pointing_hit";
  static final String POINTING_HIT_EXACT = "pointing_hit_exact";
  static final String DELETION_AUC = "deletion_auc";
  static final String INSERTION_AUC = "insertion_auc";
  static final String ROAD_MORF = "road_morf";
  static final String ROAD_LERF = "road_lerf";
  static final String ROAD_COMBINED = "road_combined";
  static final String AVERAGE_DROP = "average_drop_pct";
  static final String INCREASE = "increase_in_confidence_pct";
  static final String FAITHFULNESS = "faithfulness_spearman";
  static final String SANITY_SPEARMAN = "sanity_spearman_abs";
  static final String SANITY_SSIM = "sanity_ssim";

  /** Curve names in the records. */
  static final String DELETION_CURVE = "deletion";
  static final String INSERTION_CURVE = "insertion";
  static final String ROAD_MORF_CURVE = "road_morf";
  static final String ROAD_LERF_CURVE = "road_lerf";

  static final List<String> ORDER = List.of(LOC_IOU, LOC_HIT, LOC_ERROR_TOP1, POINTING_HIT, POINTING_HIT_EXACT,
      DELETION_AUC, INSERTION_AUC, ROAD_MORF, ROAD_LERF, ROAD_COMBINED, AVERAGE_DROP, INCREASE, FAITHFULNESS,
      SANITY_SPEARMAN, SANITY_SSIM);

  static final Set<String> LOWER_IS_BETTER = Set.of(LOC_ERROR_TOP1, DELETION_AUC, ROAD_MORF, AVERAGE_DROP,
      SANITY_SPEARMAN, SANITY_SSIM);

  private Columns() {}

  /** What one column means, for the legend under the Markdown table. */
  static String describe(String column, MetricSettings s) {
    return switch (column) {
      case LOC_IOU -> "IoU of the box around the largest region above " + percent(s.localizationThreshold())
          + " of the map's maximum with the best ground-truth box";
      case LOC_HIT -> "share of images with that IoU >= " + s.minIou();
      case LOC_ERROR_TOP1 -> "top-1 localisation error: share of images that are not a hit with the right"
          + " top-1 class (images with a known class only)";
      case POINTING_HIT -> "pointing game: share of images whose map maximum is within " + s.pointingTolerance()
          + " px of the object";
      case POINTING_HIT_EXACT -> "pointing game with no tolerance: the maximum lies on the object";
      case DELETION_AUC -> "area under the deletion curve (" + s.deletionInsertion().deletionBaseline().label()
          + " baseline)";
      case INSERTION_AUC -> "area under the insertion curve (" + s.deletionInsertion().insertionBaseline().label()
          + " baseline)";
      case ROAD_MORF -> "ROAD: mean probability after removing the most relevant pixels";
      case ROAD_LERF -> "ROAD: mean probability after removing the least relevant pixels";
      case ROAD_COMBINED -> "ROAD: (LeRF - MoRF) / 2";
      case AVERAGE_DROP -> "Average Drop in % when the model sees only image x map";
      case INCREASE -> "Increase in Confidence: % of images where image x map scores higher than the image";
      case FAITHFULNESS -> "Spearman rank correlation with the reference method's map (occlusion unless set"
          + " otherwise)";
      case SANITY_SPEARMAN -> "sanity check: Spearman (absolute values) with the map of the model after the last"
          + " cascade step, i.e. with up to " + s.sanityLayers() + " parametrised layers random (see sanity.md)";
      case SANITY_SSIM -> "sanity check: SSIM with the map of that randomised model";
      default -> column;
    };
  }

  private static String percent(double fraction) {
    return Math.round(fraction * 1000) / 10.0 + " %";
  }
}
