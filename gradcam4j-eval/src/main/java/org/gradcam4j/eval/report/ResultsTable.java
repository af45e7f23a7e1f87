package org.gradcam4j.eval.report;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.math.Summary;

/**
 * Methods x metrics, each cell a {@link Summary} (mean and confidence interval over images). Rows and
 * columns keep the order in which they were first added.
 */
public final class ResultsTable {
  private final Set<String> methods = new LinkedHashSet<>();
  private final Set<String> metrics = new LinkedHashSet<>();
  private final Map<String, Summary> cells = new LinkedHashMap<>();

  /** Sets a cell, adding its row and column if new. */
  public ResultsTable put(String method, String metric, Summary summary) {
    methods.add(method);
    metrics.add(metric);
    cells.put(key(method, metric), summary);
    return this;
  }

  /** Row names in order. */
  public List<String> methods() {
    return List.copyOf(methods);
  }

  /** Column names in order. */
  public List<String> metrics() {
    return List.copyOf(metrics);
  }

  /** The cell of {@code method} and {@code metric}, if set. */
  public Optional<Summary> get(String method, String metric) {
    return Optional.ofNullable(cells.get(key(method, metric)));
  }

  private static String key(String method, String metric) {
    return method + '\u0000' + metric;
  }
}
