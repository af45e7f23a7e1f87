package org.gradcam4j.eval.run;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.report.ResultsTable;

/**
 * What an {@link Evaluation} run produced.
 *
 * @param outputFolder where the files are
 * @param table methods x metrics, mean and bootstrap interval over images
 * @param images images in the summary
 * @param evaluatedNow images computed by this run (the others came from the journal)
 * @param timings per method (in the evaluation's order), the mean time per image
 * @param files the summary files written, relative to {@code outputFolder}
 */
public record EvaluationResult(Path outputFolder, ResultsTable table, int images, int evaluatedNow,
    Map<String, Timing> timings, List<String> files) {
  public EvaluationResult {
    timings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timings));
    files = List.copyOf(files);
  }

  /**
   * Mean wall-clock time per image of one method, over the images whose record has a timing.
   *
   * @param explainMs producing the map
   * @param metricsMs computing its metrics (the perturbation metrics dominate)
   */
  public record Timing(double explainMs, double metricsMs) {}
}
