package org.gradcam4j.eval.run.metrics;

import java.util.Objects;
import java.util.function.Function;

/**
 * One column of the results table: a per-image value whose mean over images is reported.
 *
 * @param name the column's name in the tables, the journal and the per-image JSON
 * @param direction which way is better, shown in the legend under the Markdown table
 * @param description what the column means, for the legend; it may quote the settings
 */
public record Column(String name, Direction direction, Function<MetricSettings, String> description) {
  /** Which way is better. */
  public enum Direction {
    HIGHER_IS_BETTER("higher is better"),
    LOWER_IS_BETTER("lower is better");

    private final String label;

    Direction(String label) {
      this.label = label;
    }

    /** The words in the legend, e.g. {@code higher is better}. */
    public String label() {
      return label;
    }
  }

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(direction, "direction");
    Objects.requireNonNull(description, "description");
  }

  /** A column where higher values are better, described in words that depend on the settings. */
  public static Column higherIsBetter(String name, Function<MetricSettings, String> description) {
    return new Column(name, Direction.HIGHER_IS_BETTER, description);
  }

  /** A column where higher values are better. */
  public static Column higherIsBetter(String name, String description) {
    return higherIsBetter(name, s -> description);
  }

  /** A column where lower values are better, described in words that depend on the settings. */
  public static Column lowerIsBetter(String name, Function<MetricSettings, String> description) {
    return new Column(name, Direction.LOWER_IS_BETTER, description);
  }

  /** A column where lower values are better. */
  public static Column lowerIsBetter(String name, String description) {
    return lowerIsBetter(name, s -> description);
  }

  /** The description under {@code settings}. */
  public String describe(MetricSettings settings) {
    return description.apply(settings);
  }
}
