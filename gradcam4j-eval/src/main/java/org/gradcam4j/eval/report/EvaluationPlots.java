package org.gradcam4j.eval.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.PerturbationCurve;

/** The standard evaluation figures, written as PNG files (atomically) with {@link LinePlot}. */
public final class EvaluationPlots {
  /** Default figure width in pixels. */
  public static final int WIDTH = 800;
  /** Default figure height in pixels. */
  public static final int HEIGHT = 500;

  private EvaluationPlots() {}

  /**
   * Deletion or insertion curves, one line per method (typically {@link PerturbationCurve#mean} over
   * images); the legend gives each method's area under the curve.
   *
   * @param what {@code "deletion"} or {@code "insertion"} (used in the title and axis label)
   */
  public static void perturbationCurves(Path png, String what, Map<String, PerturbationCurve> byMethod) {
    LinePlot plot = new LinePlot(capitalised(what) + " curves",
        "fraction of pixels " + (what.startsWith("ins") ? "inserted" : "deleted"), "class score");
    plot.xRange(0, 1);
    for (Map.Entry<String, PerturbationCurve> e : byMethod.entrySet()) {
      PerturbationCurve c = e.getValue();
      plot.addSeries(String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", e.getKey(), c.auc()),
          c.fractions(), c.scores());
    }
    plot.writePng(png, WIDTH, HEIGHT);
  }

  /**
   * ROAD curves: for each method a MoRF and a LeRF line over the fraction of pixels removed.
   *
   * @param percentages the x positions
   * @param morf per method, the mean MoRF scores
   * @param lerf per method, the mean LeRF scores
   */
  public static void roadCurves(Path png, double[] percentages, Map<String, double[]> morf,
      Map<String, double[]> lerf) {
    LinePlot plot = new LinePlot("ROAD (noisy linear imputation)", "fraction of pixels removed", "class score");
    plot.xRange(0, 1);
    for (Map.Entry<String, double[]> e : morf.entrySet()) {
      plot.addSeries(e.getKey() + " MoRF", percentages, e.getValue());
      double[] l = lerf.get(e.getKey());
      if (l != null) {
        plot.addSeries(e.getKey() + " LeRF", percentages, l);
      }
    }
    plot.writePng(png, WIDTH, HEIGHT);
  }

  /**
   * Model-parameter randomisation: similarity to the original map after randomising the model from
   * the top down to each layer in {@code layers}, one line per method.
   *
   * @param measure the similarity's name, e.g. {@code "Spearman (abs)"} or {@code "SSIM"}
   * @param byMethod per method, one similarity per layer
   */
  public static void sanityCheck(Path png, String measure, List<String> layers, Map<String, double[]> byMethod) {
    LinePlot plot = new LinePlot("Model randomisation: " + measure, "randomised down to layer", measure);
    plot.xCategories(layers);
    double min = 0;
    double[] x = new double[layers.size()];
    for (int i = 0; i < x.length; i++) {
      x[i] = i;
    }
    for (Map.Entry<String, double[]> e : byMethod.entrySet()) {
      if (e.getValue().length != layers.size()) {
        throw new IllegalArgumentException("method " + e.getKey() + " has " + e.getValue().length
            + " similarities for " + layers.size() + " layers");
      }
      for (double v : e.getValue()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
        }
      }
      plot.addSeries(e.getKey(), x, e.getValue());
    }
    plot.xRange(-0.5, Math.max(0.5, layers.size() - 0.5));
    plot.yRange(Math.max(-1, Math.floor(min * 10) / 10) - 0.05, 1.05);
    plot.writePng(png, WIDTH, HEIGHT);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
