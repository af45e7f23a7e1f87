package org.gradcam4j.eval.run.metrics;

/** Where a metric puts what it found for one map: values under its column names, and named curves. */
public interface Scores {
  /** The value of one of the metric's columns (NaN where it is undefined). */
  void value(String column, double value);

  /** A curve, kept in the journal and the per-image JSON, and averaged for the plots. */
  void curve(String name, double[] x, double[] y);
}
