package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One metric of an evaluation run: what it is called, which columns it adds to the results and what
 * its values depend on. How it scores is given by the interface a metric implements besides this
 * one: {@link MapMetric}, {@link ImageMetric} or {@link ModelMetric}.
 */
public interface MetricRule {
  /** The name on the command line and in the journal's list of metrics, e.g. {@code deletion}. */
  String name();

  /** Its columns in the results table, in order; its scorers put values under these names. */
  List<Column> columns();

  /** Whether it needs ground truth: images without any get no value from it. */
  default boolean needsGroundTruth() {
    return false;
  }

  /** Whether an evaluation computes it when no metrics are chosen (false for the costly ones). */
  default boolean onByDefault() {
    return true;
  }

  /**
   * Whether it compares each map with the map of the evaluation's reference method (occlusion unless
   * set otherwise); the reference maps are computed only when a chosen metric does.
   */
  default boolean comparesWithReference() {
    return false;
  }

  /**
   * Adds the settings its values depend on to the journal's settings, which a resumed evaluation must
   * match; speed-only settings (batch sizes) stay out.
   */
  default void recordSettings(MetricSettings settings, ObjectNode journal) {}

  /**
   * The columns a map or image metric fills for {@code image}; a map it cannot score (one that is not
   * finite) gets NaN in these. By default all its columns.
   */
  default List<String> columnsFor(ImageFacts image, MetricSettings settings) {
    return columns().stream().map(Column::name).toList();
  }

  /** Figures of its mean curves, written under {@code plots/}. */
  default List<CurvePlot> plots() {
    return List.of();
  }
}
