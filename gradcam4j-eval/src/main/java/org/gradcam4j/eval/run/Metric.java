package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.gradcam4j.error.GradCamException;

/**
 * The metric groups an {@link Evaluation} can compute, by the names the command line accepts. Each
 * group adds one or more columns to the results table (see {@link Evaluation} for the column names).
 * Localisation and the pointing game are computed only for images with ground truth.
 */
public enum Metric {
  /** Weakly-supervised localisation: IoU of the map's box, hit at IoU 0.5, top-1 localisation error. */
  LOCALIZATION("localization"),
  /** The pointing game: is the map's maximum on the object. */
  POINTING("pointing"),
  /** Deletion curve and its area (lower is better). */
  DELETION("deletion"),
  /** Insertion curve and its area (higher is better). */
  INSERTION("insertion"),
  /** ROAD: scores after removing the most (MoRF) or least (LeRF) relevant pixels with debiased filling. */
  ROAD("road"),
  /** Average drop and increase in confidence when the model sees only {@code image * map}. */
  CONFIDENCE("confidence"),
  /** Rank correlation with a reference map (occlusion by default). */
  FAITHFULNESS("faithfulness"),
  /** Model-parameter randomisation: similarity of the map to maps of progressively randomised models. */
  SANITY("sanity");

  private final String cliName;

  Metric(String cliName) {
    this.cliName = cliName;
  }

  /** The name used on the command line and in the journal. */
  public String cliName() {
    return cliName;
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
