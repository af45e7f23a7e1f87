package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.metrics.Column;
import org.gradcam4j.eval.run.metrics.ConfidenceMetric;
import org.gradcam4j.eval.run.metrics.DeletionMetric;
import org.gradcam4j.eval.run.metrics.FaithfulnessMetric;
import org.gradcam4j.eval.run.metrics.InfidelityMetric;
import org.gradcam4j.eval.run.metrics.InsertionMetric;
import org.gradcam4j.eval.run.metrics.LocalizationMetric;
import org.gradcam4j.eval.run.metrics.MassMetric;
import org.gradcam4j.eval.run.metrics.MaxSensitivityMetric;
import org.gradcam4j.eval.run.metrics.MetricRule;
import org.gradcam4j.eval.run.metrics.PointingMetric;
import org.gradcam4j.eval.run.metrics.RoadMetric;
import org.gradcam4j.eval.run.metrics.SanityMetric;
import org.gradcam4j.eval.run.metrics.SegmentationMetric;

/**
 * The metrics an {@link Evaluation} can compute: one line per metric, naming the class that says
 * everything else about it ({@link MetricRule}). The command line, the journal, the results tables
 * and their legend, and the plots read this list, so adding a metric is one class in
 * {@code org.gradcam4j.eval.run.metrics} and one line here.
 *
 * <p>The order is the order of the columns in the results table and of the settings in the journal.
 */
public enum Metric {
  LOCALIZATION(new LocalizationMetric()),
  POINTING(new PointingMetric()),
  DELETION(new DeletionMetric()),
  INSERTION(new InsertionMetric()),
  ROAD(new RoadMetric()),
  CONFIDENCE(new ConfidenceMetric()),
  FAITHFULNESS(new FaithfulnessMetric()),
  SANITY(new SanityMetric()),
  SEGMENTATION(new SegmentationMetric()),
  MASS(new MassMetric()),
  INFIDELITY(new InfidelityMetric()),
  MAX_SENSITIVITY(new MaxSensitivityMetric());

  private final MetricRule rule;

  Metric(MetricRule rule) {
    this.rule = rule;
  }

  /** What the metric is and how it scores. */
  public MetricRule rule() {
    return rule;
  }

  /** The name used on the command line and in the journal. */
  public String cliName() {
    return rule.name();
  }

  /** Parses a name (any case; {@code localisation} is accepted too). */
  public static Metric parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("localisation")) {
      n = "localization";
    }
    for (Metric m : values()) {
      if (m.cliName().equals(n)) {
        return m;
      }
    }
    throw new GradCamException("unknown metric '" + name + "'; known metrics: " + String.join(", ", names())
        + " (or 'all')");
  }

  /** Parses {@code "a,b,c"} or {@code "all"} (every metric, the sanity check included). */
  public static Set<Metric> parseList(String text) {
    if (text.trim().equalsIgnoreCase("all")) {
      return EnumSet.allOf(Metric.class);
    }
    Set<Metric> out = EnumSet.noneOf(Metric.class);
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        out.add(parse(part));
      }
    }
    if (out.isEmpty()) {
      throw new GradCamException("no metric given; known metrics: " + String.join(", ", names()));
    }
    return out;
  }

  /** All names, in table order. */
  public static List<String> names() {
    List<String> out = new ArrayList<>();
    for (Metric m : values()) {
      out.add(m.cliName());
    }
    return out;
  }

  /** The columns of every metric, in table order. */
  public static List<Column> columns() {
    List<Column> out = new ArrayList<>();
    for (Metric m : values()) {
      out.addAll(m.rule.columns());
    }
    return out;
  }

  /** The column called {@code name}, if a metric has one. */
  public static Optional<Column> column(String name) {
    return columns().stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
