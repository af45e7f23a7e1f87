package org.gradcam4j.eval.run.metrics;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.PerturbationCurve;
import org.gradcam4j.eval.report.EvaluationPlots;

/** The deletion or the insertion curves of every method in one figure, named after the curve. */
final class PerturbationCurvePlot implements CurvePlot {
  private final String curve;

  /** @param curve {@code deletion} or {@code insertion}: the curve's name and the figure's */
  PerturbationCurvePlot(String curve) {
    this.curve = curve;
  }

  @Override
  public String file() {
    return curve + ".png";
  }

  @Override
  public boolean draw(Path png, List<String> methods, MeanCurves curves) {
    Map<String, PerturbationCurve> means = new LinkedHashMap<>();
    for (String method : methods) {
      double[][] mean = curves.of(method, curve);
      // A curve needs two points to have an area.
      if (mean != null && mean[0].length >= 2) {
        means.put(method, new PerturbationCurve(mean[0], mean[1]));
      }
    }
    if (means.isEmpty()) {
      return false;
    }
    EvaluationPlots.perturbationCurves(png, curve, means);
    return true;
  }
}
