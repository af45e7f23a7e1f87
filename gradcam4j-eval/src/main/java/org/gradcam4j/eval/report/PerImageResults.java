package org.gradcam4j.eval.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.math.Bootstrap;

/**
 * Per-image metric values (and optionally curves), collected as the evaluation runs: for each image
 * and method, named numbers such as {@code deletion_auc} or {@code pointing_hit}. Images, methods and
 * metrics keep the order in which they were first added. A value may be NaN (undefined for that
 * image); it is left out of the summaries. Not safe for use by several threads at once.
 */
public final class PerImageResults {
  /** A curve: y values at x positions (e.g. scores over the fraction of pixels deleted). */
  public record Curve(double[] x, double[] y) {
    public Curve {
      if (x.length != y.length) {
        throw new IllegalArgumentException("curve has " + x.length + " x values and " + y.length + " y values");
      }
    }
  }

  /** Everything recorded for one image and method. */
  public record Entry(String image, String method, Map<String, Double> metrics, Map<String, Curve> curves) {}

  private final Map<String, Map<String, Entry>> byImage = new LinkedHashMap<>();
  private final Set<String> methods = new LinkedHashSet<>();
  private final Set<String> metrics = new LinkedHashSet<>();

  /** Records {@code metric = value} for {@code image} and {@code method}, replacing an earlier value. */
  public PerImageResults add(String image, String method, String metric, double value) {
    entry(image, method).metrics().put(metric, value);
    metrics.add(metric);
    return this;
  }

  /** Records a named curve for {@code image} and {@code method}. */
  public PerImageResults addCurve(String image, String method, String name, double[] x, double[] y) {
    entry(image, method).curves().put(name, new Curve(x.clone(), y.clone()));
    return this;
  }

  private Entry entry(String image, String method) {
    methods.add(method);
    return byImage.computeIfAbsent(image, k -> new LinkedHashMap<>())
        .computeIfAbsent(method, m -> new Entry(image, m, new LinkedHashMap<>(), new LinkedHashMap<>()));
  }

  /** Images in the order first recorded. */
  public List<String> images() {
    return List.copyOf(byImage.keySet());
  }

  /** Methods in the order first recorded. */
  public List<String> methods() {
    return List.copyOf(methods);
  }

  /** Metric names in the order first recorded. */
  public List<String> metrics() {
    return List.copyOf(metrics);
  }

  /** All entries, image by image, methods in the order they were recorded for that image. */
  public List<Entry> entries() {
    List<Entry> out = new ArrayList<>();
    for (Map<String, Entry> perMethod : byImage.values()) {
      out.addAll(perMethod.values());
    }
    return Collections.unmodifiableList(out);
  }

  /** The values of {@code metric} for {@code method}, one per image that has it. */
  public double[] values(String method, String metric) {
    List<Double> out = new ArrayList<>();
    for (Map<String, Entry> perMethod : byImage.values()) {
      Entry e = perMethod.get(method);
      if (e != null && e.metrics().containsKey(metric)) {
        out.add(e.metrics().get(metric));
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /** Mean and bootstrap interval of every method and metric. */
  public ResultsTable summarize(Bootstrap bootstrap) {
    ResultsTable table = new ResultsTable();
    for (String method : methods) {
      for (String metric : metrics) {
        table.put(method, metric, bootstrap.summarize(values(method, metric)));
      }
    }
    return table;
  }
}
