package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradcam4j.GradCamException;

/**
 * The metric groups an {@link Evaluation} can compute, by the names the command line accepts. Each
 * group adds one or more columns to the results table (see {@link Evaluation} for the column names).
 */
public enum Metric {
  /** Weakly-supervised localisation: IoU of the map's box, hit at IoU 0.5, top-1 localisation error. */
  LOCALIZATION("localization", true),
  /** The pointing game: is the map's maximum on the object. */
  POINTING("pointing", true),
  /** Deletion curve and its area (lower is better). */
  DELETION("deletion", false),
  /** Insertion curve and its area (higher is better). */
  INSERTION("insertion", false),
  /** ROAD: scores after removing the most (MoRF) or least (LeRF) relevant pixels with debiased filling. */
  ROAD("road", false),
  /** Average drop and increase in confidence when the model sees only {@code image * map}. */
  CONFIDENCE("confidence", false),
  /** Rank correlation with a reference map (occlusion by default). */
  FAITHFULNESS("faithfulness", false),
  /** Model-parameter randomisation: similarity of the map to maps of progressively randomised models. */
  SANITY("sanity", false);

  private final String cliName;
  private final boolean needsGroundTruth;

  Metric(String cliName, boolean needsGroundTruth) {
    this.cliName = cliName;
    this.needsGroundTruth = needsGroundTruth;
  }

  /** The name used on the command line and in the journal. */
  public String cliName() {
    return cliName;
  }

  /** Whether the metric is computed only for images with ground truth. */
  public boolean needsGroundTruth() {
    return needsGroundTruth;
  }

  /** Parses a name (any case; {@code localisation} is accepted too). */
  public static Metric parse(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    if (n.equals("localisation")) {
      n = "localization";
    }
    for (Metric m : values()) {
      if (m.cliName.equals(n)) {
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
      out.add(m.cliName);
    }
    return out;
  }
}
