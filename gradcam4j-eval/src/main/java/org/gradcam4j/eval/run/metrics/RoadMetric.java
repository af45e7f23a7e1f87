package org.gradcam4j.eval.run.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.eval.Road;
import org.gradcam4j.eval.report.EvaluationPlots;

/**
 * ROAD ({@link Road}): the class score after removing the most (MoRF) or least (LeRF) relevant pixels
 * with debiased filling, averaged over the removal percentages, and half their difference.
 */
public final class RoadMetric implements MapMetric {
  public static final String MORF = "road_morf";
  public static final String LERF = "road_lerf";
  public static final String COMBINED = "road_combined";
  /** The curves' names in the journal and the per-image JSON. */
  public static final String MORF_CURVE = "road_morf";
  public static final String LERF_CURVE = "road_lerf";

  @Override
  public String name() {
    return "road";
  }

  @Override
  public List<Column> columns() {
    return List.of(
        Column.lowerIsBetter(MORF, "ROAD: mean probability after removing the most relevant pixels"),
        Column.higherIsBetter(LERF, "ROAD: mean probability after removing the least relevant pixels"),
        Column.higherIsBetter(COMBINED, "ROAD: (LeRF - MoRF) / 2"));
  }

  @Override
  public void recordSettings(MetricSettings settings, ObjectNode journal) {
    Road.Settings r = settings.road();
    journal.put("road", "percentages=" + Arrays.toString(r.percentages()) + " noise=" + r.noiseStd()
        + " seed=" + r.seed());
  }

  @Override
  public List<CurvePlot> plots() {
    return List.of(new RoadPlot());
  }

  @Override
  public Scorer scorer(WorkerContext worker) {
    Road road = new Road(worker.settings().road());
    return (image, map, reference, out) -> {
      Road.Curves r = road.evaluate(image.image(), map, image.explainedClass(), worker.model());
      out.value(MORF, r.meanMorf());
      out.value(LERF, r.meanLerf());
      out.value(COMBINED, r.combined());
      out.curve(MORF_CURVE, r.percentages(), r.morf());
      out.curve(LERF_CURVE, r.percentages(), r.lerf());
    };
  }

  /** A MoRF and a LeRF line per method, in {@code road.png}. */
  private static final class RoadPlot implements CurvePlot {
    @Override
    public String file() {
      return "road.png";
    }

    @Override
    public boolean draw(Path png, List<String> methods, MeanCurves curves) {
      Map<String, double[]> morf = new LinkedHashMap<>();
      Map<String, double[]> lerf = new LinkedHashMap<>();
      double[] x = null;
      for (String method : methods) {
        double[][] m = curves.of(method, MORF_CURVE);
        double[][] l = curves.of(method, LERF_CURVE);
        if (m != null && l != null) {
          x = m[0];
          morf.put(method, m[1]);
          lerf.put(method, l[1]);
        }
      }
      if (x == null) {
        return false;
      }
      EvaluationPlots.roadCurves(png, x, morf, lerf);
      return true;
    }
  }
}
