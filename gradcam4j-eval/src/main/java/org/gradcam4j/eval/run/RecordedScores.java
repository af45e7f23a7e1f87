package org.gradcam4j.eval.run;

import java.util.Map;
import org.gradcam4j.eval.report.PerImageResults;
import org.gradcam4j.eval.run.metrics.Scores;

/** Puts a metric's results for one map into the maps of its journal record, in the order they come. */
record RecordedScores(Map<String, Double> values, Map<String, PerImageResults.Curve> curves) implements Scores {
  @Override
  public void value(String column, double value) {
    values.put(column, value);
  }

  @Override
  public void curve(String name, double[] x, double[] y) {
    curves.put(name, new PerImageResults.Curve(x, y));
  }
}
