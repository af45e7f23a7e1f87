package org.gradcam4j.eval.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.eval.SanityCheck;
import org.gradcam4j.eval.report.EvaluationPlots;
import org.gradcam4j.eval.report.PerImageJsonWriter;
import org.gradcam4j.eval.report.PerImageResults;
import org.gradcam4j.eval.report.ResultsTable;
import org.gradcam4j.eval.report.ResultsTableWriter;
import org.gradcam4j.eval.run.metrics.Column;
import org.gradcam4j.eval.run.metrics.CurvePlot;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.math.Bootstrap;
import org.gradcam4j.math.Summary;
import org.gradcam4j.io.AtomicFiles;

/**
 * Turns the journal's records into the summary files, each written atomically: the results table
 * (Markdown and CSV), the per-image JSON, the sanity-check table, timings and the plots. It depends
 * only on the records, so a resumed run writes exactly what an uninterrupted one would. Columns, their
 * legend and the curve plots come from the metrics ({@link Metric}), in table order.
 */
final class SummaryWriter {
  static final String RESULTS_MD = "results.md";
  static final String RESULTS_CSV = "results.csv";
  static final String PER_IMAGE_JSON = "per_image.json";
  static final String SANITY_MD = "sanity.md";
  static final String SANITY_CSV = "sanity.csv";
  static final String TIMINGS_MD = "timings.md";
  static final String PLOTS = "plots";
  /** Every file and folder this writer may produce, for a restart to clear. */
  static final List<String> OUTPUTS = List.of(RESULTS_MD, RESULTS_CSV, PER_IMAGE_JSON, SANITY_MD, SANITY_CSV,
      TIMINGS_MD, PLOTS);

  private final Path out;
  private final List<String> methods;
  private final MetricSettings settings;
  private final Bootstrap bootstrap;
  private final List<String> sanitySteps;
  private final List<String> written = new ArrayList<>();

  SummaryWriter(Path out, List<String> methods, MetricSettings settings, Bootstrap bootstrap,
      List<String> sanitySteps) {
    this.out = out;
    this.methods = List.copyOf(methods);
    this.settings = settings;
    this.bootstrap = bootstrap;
    this.sanitySteps = List.copyOf(sanitySteps);
  }

  /** Writes every summary of {@code records} (in data order). */
  EvaluationResult write(List<ImageRecord> records, int evaluatedNow) {
    PerImageResults perImage = new PerImageResults();
    for (ImageRecord r : records) {
      for (String method : methods) {
        ImageRecord.MethodResult m = r.methods().get(method);
        if (m == null) {
          continue;
        }
        m.metrics().forEach((k, v) -> perImage.add(r.image(), method, k, v));
        m.curves().forEach((k, c) -> perImage.addCurve(r.image(), method, k, c.x(), c.y()));
      }
    }
    ResultsTable table = new ResultsTable();
    for (String method : methods) {
      for (Column column : Metric.columns()) {
        if (perImage.metrics().contains(column.name())) {
          table.put(method, column.name(), bootstrap.summarize(perImage.values(method, column.name())));
        }
      }
    }
    ResultsTableWriter tables = new ResultsTableWriter(3);
    write(RESULTS_MD, markdown(table, records.size(), tables));
    tables.writeCsv(out.resolve(RESULTS_CSV), table);
    written.add(RESULTS_CSV);
    writePerImageJson(perImage, records);
    writeCurvePlots(records);
    writeSanity(records, tables);
    Map<String, EvaluationResult.Timing> timings = timings(records);
    write(TIMINGS_MD, timingsMarkdown(timings, records.size()));
    return new EvaluationResult(out, table, records.size(), evaluatedNow, timings, written);
  }

  private String markdown(ResultsTable table, int images, ResultsTableWriter tables) {
    StringBuilder sb = new StringBuilder("# Explanation quality\n\n");
    sb.append(images).append(images == 1 ? " image" : " images").append(", ").append(methods.size())
        .append(methods.size() == 1 ? " method" : " methods").append(". Each cell: mean over images [")
        .append("95 % percentile-bootstrap interval]; images where a metric is undefined are left out.\n\n");
    sb.append(tables.markdown(table)).append('\n');
    for (String name : table.metrics()) {
      Column column = Metric.column(name).orElseThrow();
      sb.append("- `").append(name).append("` (").append(column.direction().label()).append("): ")
          .append(column.describe(settings)).append('\n');
    }
    return sb.toString();
  }

  private void writePerImageJson(PerImageResults perImage, List<ImageRecord> records) {
    ObjectNode root = new PerImageJsonWriter().toJson(perImage);
    Map<String, ImageRecord> byImage = new LinkedHashMap<>();
    records.forEach(r -> byImage.put(r.image(), r));
    for (JsonNode node : root.path("records")) {
      ObjectNode o = (ObjectNode) node;
      ImageRecord r = byImage.get(o.path("image").asText());
      o.put("predicted", r.predicted());
      o.put("explained", r.explained());
      ArrayNode t = o.putArray("true_classes");
      r.trueClasses().forEach(t::add);
      SanityCheck.Result s = r.sanity().get(o.path("method").asText());
      if (s != null) {
        ObjectNode so = o.putObject("sanity");
        so.set("layers", arrayOf(sanitySteps));
        ImageRecord.putArray(so.putArray("spearman_abs"), s.spearmanAbs());
        ImageRecord.putArray(so.putArray("ssim"), s.ssim());
      }
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    AtomicFiles.write(out.resolve(PER_IMAGE_JSON), o -> mapper.writeValue(o, root));
    written.add(PER_IMAGE_JSON);
  }

  private void writeCurvePlots(List<ImageRecord> records) {
    for (Metric metric : Metric.values()) {
      for (CurvePlot plot : metric.rule().plots()) {
        String file = PLOTS + "/" + plot.file();
        if (plot.draw(out.resolve(file), methods, (method, curve) -> meanCurve(records, method, curve))) {
          written.add(file);
        }
      }
    }
  }

  /**
   * The point-wise mean of one curve over the images that have it: {x, y}. Images of different sizes
   * have slightly different fractions for the same step, so x is averaged too; curves of another
   * length than the first one's are left out.
   */
  static double[][] meanCurve(List<ImageRecord> records, String method, String curve) {
    double[] sx = null;
    double[] sy = null;
    int n = 0;
    for (ImageRecord r : records) {
      ImageRecord.MethodResult m = r.methods().get(method);
      PerImageResults.Curve c = m == null ? null : m.curves().get(curve);
      if (c == null || (sx != null && c.x().length != sx.length)) {
        continue;
      }
      if (sx == null) {
        sx = new double[c.x().length];
        sy = new double[c.y().length];
      }
      for (int k = 0; k < sx.length; k++) {
        sx[k] += c.x()[k];
        sy[k] += c.y()[k];
      }
      n++;
    }
    if (n == 0) {
      return null;
    }
    for (int k = 0; k < sx.length; k++) {
      sx[k] /= n;
      sy[k] /= n;
    }
    return new double[][] {sx, sy};
  }

  private void writeSanity(List<ImageRecord> records, ResultsTableWriter tables) {
    if (sanitySteps.isEmpty()) {
      return;
    }
    ResultsTable table = new ResultsTable();
    Map<String, double[]> spearman = new LinkedHashMap<>();
    Map<String, double[]> ssim = new LinkedHashMap<>();
    int checked = 0;
    for (String method : methods) {
      List<SanityCheck.Result> results = new ArrayList<>();
      for (ImageRecord r : records) {
        SanityCheck.Result s = r.sanity().get(method);
        if (s != null && s.ssim().length == sanitySteps.size()) {
          results.add(s);
        }
      }
      checked = Math.max(checked, results.size());
      double[] meanSpearman = new double[sanitySteps.size()];
      double[] meanSsim = new double[sanitySteps.size()];
      Map<String, Summary> ssimColumns = new LinkedHashMap<>();
      for (int step = 0; step < sanitySteps.size(); step++) {
        int k = step;
        Summary sp = bootstrap.summarize(results.stream().mapToDouble(s -> s.spearmanAbs()[k]).toArray());
        Summary ss = bootstrap.summarize(results.stream().mapToDouble(s -> s.ssim()[k]).toArray());
        table.put(method, "spearman_abs @ " + sanitySteps.get(step), sp);
        ssimColumns.put("ssim @ " + sanitySteps.get(step), ss);
        meanSpearman[step] = sp.mean();
        meanSsim[step] = ss.mean();
      }
      ssimColumns.forEach((column, summary) -> table.put(method, column, summary));
      spearman.put(method, meanSpearman);
      ssim.put(method, meanSsim);
    }
    String intro = "# Sanity check: model-parameter randomisation\n\n" + checked + " images. Column `m @ L`:"
        + " similarity m between the map of the trained model and the map of the model whose parametrised"
        + " layers from the output down to L have random weights (cascading). A method that depends on the"
        + " model gives low values; values near 1 mean the map ignores the weights.\n\n";
    write(SANITY_MD, intro + tables.markdown(table));
    tables.writeCsv(out.resolve(SANITY_CSV), table);
    written.add(SANITY_CSV);
    String spearmanPng = PLOTS + "/sanity_spearman_abs.png";
    EvaluationPlots.sanityCheck(out.resolve(spearmanPng), "Spearman (abs)", sanitySteps, spearman);
    written.add(spearmanPng);
    String ssimPng = PLOTS + "/sanity_ssim.png";
    EvaluationPlots.sanityCheck(out.resolve(ssimPng), "SSIM", sanitySteps, ssim);
    written.add(ssimPng);
  }

  private Map<String, EvaluationResult.Timing> timings(List<ImageRecord> records) {
    Map<String, EvaluationResult.Timing> out = new LinkedHashMap<>();
    for (String method : methods) {
      double[] explain = records.stream().map(r -> r.methods().get(method)).filter(m -> m != null)
          .mapToDouble(ImageRecord.MethodResult::explainMs).filter(Double::isFinite).toArray();
      double[] metrics = records.stream().map(r -> r.methods().get(method)).filter(m -> m != null)
          .mapToDouble(ImageRecord.MethodResult::metricsMs).filter(Double::isFinite).toArray();
      out.put(method, new EvaluationResult.Timing(mean(explain), mean(metrics)));
    }
    return out;
  }

  private String timingsMarkdown(Map<String, EvaluationResult.Timing> timings, int images) {
    StringBuilder sb = new StringBuilder("# Time per image\n\nMean wall-clock milliseconds per image over ")
        .append(images).append(" images, as measured by the runs that computed them (they depend on the"
            + " machine and its load).\n\n| method | explain ms | metrics ms | total ms |\n|---|---:|---:|---:|\n");
    timings.forEach((method, t) -> sb.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f |%n", method,
        t.explainMs(), t.metricsMs(), t.explainMs() + t.metricsMs())));
    return sb.toString();
  }

  private void write(String file, String text) {
    AtomicFiles.writeString(out.resolve(file), text);
    written.add(file);
  }

  private static double mean(double[] v) {
    return v.length == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
  }

  private static ArrayNode arrayOf(List<String> values) {
    ArrayNode a = new ObjectMapper().createArrayNode();
    values.forEach(a::add);
    return a;
  }
}
