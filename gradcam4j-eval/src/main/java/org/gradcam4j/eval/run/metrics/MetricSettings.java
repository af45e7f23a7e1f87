package org.gradcam4j.eval.run.metrics;

import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.Infidelity;
import org.gradcam4j.eval.Localization;
import org.gradcam4j.eval.MapToMask;
import org.gradcam4j.eval.MaxSensitivity;
import org.gradcam4j.eval.PointingGame;
import org.gradcam4j.eval.Road;

/**
 * The knobs of the metrics. Batch sizes (images per model call) change only the speed, never the
 * values; every other field is part of what a resumed evaluation checks against its journal.
 *
 * @param localizationThreshold binarisation threshold as a fraction of the map's maximum (default 0.15)
 * @param minIou IoU needed for a localisation hit (default 0.5)
 * @param pointingTolerance pointing-game tolerance in model-input pixels (default 15, the paper's);
 *     a hit with no tolerance is always reported as well
 * @param deletionInsertion steps, substrates, blur and scorer batch size of deletion and insertion;
 *     its batch size is also used for the confidence metrics
 * @param road percentages, imputation noise and scorer batch size of ROAD
 * @param sanityLayers how many parametrised layers the sanity check randomises, one more per cascade
 *     step, starting at the output (default 3)
 * @param sanityImages the sanity check runs on the first this many images only (default 16), since
 *     every cascade step explains them again
 * @param sanitySeed seed of the random weights
 * @param segmentation how the segmentation metric turns a map into a mask
 * @param infidelity perturbations, noise, normalisation and scorer batch size of the infidelity metric
 * @param maxSensitivity perturbations, radius and image count of the max-sensitivity metric
 */
public record MetricSettings(
    double localizationThreshold,
    double minIou,
    int pointingTolerance,
    DeletionInsertion.Settings deletionInsertion,
    Road.Settings road,
    int sanityLayers,
    int sanityImages,
    long sanitySeed,
    MapToMask segmentation,
    Infidelity.Settings infidelity,
    MaxSensitivity.Settings maxSensitivity) {
  public MetricSettings {
    if (!(localizationThreshold >= 0 && localizationThreshold < 1)) {
      throw new IllegalArgumentException("localisation threshold must be in [0, 1), got " + localizationThreshold);
    }
    if (!(minIou > 0 && minIou <= 1)) {
      throw new IllegalArgumentException("minimum IoU must be in (0, 1], got " + minIou);
    }
    if (pointingTolerance < 0) {
      throw new IllegalArgumentException("pointing tolerance must be >= 0, got " + pointingTolerance);
    }
    if (deletionInsertion == null || road == null || segmentation == null || infidelity == null
        || maxSensitivity == null) {
      throw new IllegalArgumentException(
          "deletion/insertion, ROAD, segmentation, infidelity and max-sensitivity settings are required");
    }
    if (sanityLayers < 1) {
      throw new IllegalArgumentException("the sanity check needs at least one layer, got " + sanityLayers);
    }
    if (sanityImages < 0) {
      throw new IllegalArgumentException("sanity-check image count must be >= 0, got " + sanityImages);
    }
  }

  /** The papers' defaults: 15 % threshold, IoU 0.5, 15 px, RISE/ROAD defaults, 3 layers on 16 images. */
  public static MetricSettings defaults() {
    return new MetricSettings(Localization.DEFAULT_THRESHOLD, Localization.DEFAULT_MIN_IOU,
        PointingGame.DEFAULT_TOLERANCE, DeletionInsertion.Settings.defaults(), Road.Settings.defaults(), 3, 16, 0L,
        MapToMask.defaults(), Infidelity.Settings.defaults(), MaxSensitivity.Settings.defaults());
  }

  /** These settings with another localisation threshold (fraction of the map's maximum). */
  public MetricSettings withLocalizationThreshold(double fraction) {
    return new MetricSettings(fraction, minIou, pointingTolerance, deletionInsertion, road, sanityLayers,
        sanityImages, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with another IoU needed for a hit. */
  public MetricSettings withMinIou(double iou) {
    return new MetricSettings(localizationThreshold, iou, pointingTolerance, deletionInsertion, road,
        sanityLayers, sanityImages, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with another pointing-game tolerance in pixels. */
  public MetricSettings withPointingTolerance(int pixels) {
    return new MetricSettings(localizationThreshold, minIou, pixels, deletionInsertion, road, sanityLayers,
        sanityImages, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with other deletion/insertion settings. */
  public MetricSettings withDeletionInsertion(DeletionInsertion.Settings settings) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, settings, road, sanityLayers,
        sanityImages, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with other ROAD settings. */
  public MetricSettings withRoad(Road.Settings settings) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, settings,
        sanityLayers, sanityImages, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with another sanity-check depth and image count. */
  public MetricSettings withSanityCheck(int layers, int images) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, road, layers,
        images, sanitySeed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with another seed for the random weights of the sanity check. */
  public MetricSettings withSanitySeed(long seed) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, road,
        sanityLayers, sanityImages, seed, segmentation, infidelity, maxSensitivity);
  }

  /** These settings with another map-to-mask step for the segmentation metric. */
  public MetricSettings withSegmentation(MapToMask mapToMask) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, road,
        sanityLayers, sanityImages, sanitySeed, mapToMask, infidelity, maxSensitivity);
  }

  /** These settings with {@code n} images per scorer call for every perturbation metric. */
  public MetricSettings withScorerBatchSize(int n) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion.withBatchSize(n),
        road.withBatchSize(n), sanityLayers, sanityImages, sanitySeed, segmentation, infidelity.withBatchSize(n), maxSensitivity);
  }

  /** These settings with other infidelity settings. */
  public MetricSettings withInfidelity(Infidelity.Settings settings) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, road, sanityLayers,
        sanityImages, sanitySeed, segmentation, settings, maxSensitivity);
  }

  /** These settings with other max-sensitivity settings. */
  public MetricSettings withMaxSensitivity(MaxSensitivity.Settings settings) {
    return new MetricSettings(localizationThreshold, minIou, pointingTolerance, deletionInsertion, road, sanityLayers,
        sanityImages, sanitySeed, segmentation, infidelity, settings);
  }
}
