package org.gradcam4j.eval.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gradcam4j.eval.ClassScorer;
import org.gradcam4j.eval.ConfidenceChange;
import org.gradcam4j.eval.DeletionInsertion;
import org.gradcam4j.eval.Localization;
import org.gradcam4j.eval.OcclusionFaithfulness;
import org.gradcam4j.eval.PerturbationCurve;
import org.gradcam4j.eval.PointingGame;
import org.gradcam4j.eval.Road;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.report.PerImageResults;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Computes the selected metrics of the maps of one image. The metric objects are reused from map to
 * map (they keep work arrays), so an instance serves one thread; {@link ParallelMetrics} gives each
 * worker its own.
 */
final class ImageMetrics {
  /** What is known about one image when its maps are scored. */
  record Input(FloatTensor image, GroundTruth truth, int explainedClass, Boolean classCorrect) {}

  private final Set<Metric> metrics;
  private final ClassScorer scorer;
  private final Localization localization;
  private final PointingGame pointing;
  private final PointingGame pointingExact;
  private final DeletionInsertion deletionInsertion;
  private final Road road;
  private final ConfidenceChange confidence;

  ImageMetrics(Set<Metric> metrics, MetricSettings settings, ClassScorer scorer) {
    this.metrics = metrics;
    this.scorer = scorer;
    this.localization = new Localization(settings.localizationThreshold(), settings.minIou());
    this.pointing = new PointingGame(settings.pointingTolerance());
    this.pointingExact = settings.pointingTolerance() > 0 ? new PointingGame(0) : null;
    this.deletionInsertion = new DeletionInsertion(settings.deletionInsertion());
    this.road = new Road(settings.road());
    this.confidence = new ConfidenceChange(settings.deletionInsertion().batchSize());
  }

  /** The values and curves of one map, and how long they took. */
  record MapResult(Map<String, Double> values, Map<String, PerImageResults.Curve> curves, double ms) {}

  /** The metrics of one map that do not compare methods: localisation, pointing, curves, faithfulness. */
  MapResult scoreMap(Input in, SaliencyMap map, SaliencyMap reference) {
    long t0 = System.nanoTime();
    Map<String, Double> v = new LinkedHashMap<>();
    Map<String, PerImageResults.Curve> c = new LinkedHashMap<>();
    if (!isFinite(map)) {
      // A method that fails on one image should not stop a long run: its values there are undefined.
      for (String column : undefinedColumns(in, reference)) {
        v.put(column, Double.NaN);
      }
      return new MapResult(v, c, (System.nanoTime() - t0) / 1e6);
    }
    boolean withTruth = in.truth() != null && !in.truth().isEmpty();
    if (withTruth && metrics.contains(Metric.LOCALIZATION)) {
      localize(map, in, v);
    }
    if (withTruth && metrics.contains(Metric.POINTING)) {
      v.put(Columns.POINTING_HIT, hit(pointing.evaluate(map, in.truth()).hit()));
      if (pointingExact != null) {
        v.put(Columns.POINTING_HIT_EXACT, hit(pointingExact.evaluate(map, in.truth()).hit()));
      }
    }
    perturbationCurves(map, in, v, c);
    if (reference != null && metrics.contains(Metric.FAITHFULNESS)) {
      v.put(Columns.FAITHFULNESS, isFinite(reference) ? OcclusionFaithfulness.spearman(map, reference) : Double.NaN);
    }
    return new MapResult(v, c, (System.nanoTime() - t0) / 1e6);
  }

  /** Whether {@link #confidence} has anything to do. */
  boolean measuresConfidence() {
    return metrics.contains(Metric.CONFIDENCE);
  }

  /**
   * Average drop and increase in confidence of every map of one image, from one batch holding the
   * image and each map's explained region; the values are added to {@code results} (same order as
   * {@code maps}), and the time is shared out evenly.
   */
  void confidence(Input in, List<SaliencyMap> maps, List<MapResult> results) {
    long t0 = System.nanoTime();
    List<SaliencyMap> finite = maps.stream().filter(ImageMetrics::isFinite).toList();
    List<ConfidenceChange.Result> r = finite.isEmpty() ? List.of()
        : confidence.evaluate(in.image(), finite, in.explainedClass(), scorer);
    double share = (System.nanoTime() - t0) / 1e6 / maps.size();
    int next = 0;
    for (int k = 0; k < maps.size(); k++) {
      MapResult m = results.get(k);
      if (isFinite(maps.get(k))) {
        ConfidenceChange.Result one = r.get(next++);
        m.values().put(Columns.AVERAGE_DROP, 100 * one.drop());
        m.values().put(Columns.INCREASE, one.increase() ? 100.0 : 0.0);
      } else {
        m.values().put(Columns.AVERAGE_DROP, Double.NaN);
        m.values().put(Columns.INCREASE, Double.NaN);
      }
      results.set(k, new MapResult(m.values(), m.curves(), m.ms() + share));
    }
  }

  static boolean isFinite(SaliencyMap map) {
    for (float v : map.values()) {
      if (!Float.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  /** The columns {@link #scoreMap} would fill for this image. */
  private List<String> undefinedColumns(Input in, SaliencyMap reference) {
    List<String> out = new java.util.ArrayList<>();
    boolean withTruth = in.truth() != null && !in.truth().isEmpty();
    if (withTruth && metrics.contains(Metric.LOCALIZATION)) {
      out.addAll(List.of(Columns.LOC_IOU, Columns.LOC_HIT));
      if (in.classCorrect() != null) {
        out.add(Columns.LOC_ERROR_TOP1);
      }
    }
    if (withTruth && metrics.contains(Metric.POINTING)) {
      out.add(Columns.POINTING_HIT);
      if (pointingExact != null) {
        out.add(Columns.POINTING_HIT_EXACT);
      }
    }
    if (metrics.contains(Metric.DELETION)) {
      out.add(Columns.DELETION_AUC);
    }
    if (metrics.contains(Metric.INSERTION)) {
      out.add(Columns.INSERTION_AUC);
    }
    if (metrics.contains(Metric.ROAD)) {
      out.addAll(List.of(Columns.ROAD_MORF, Columns.ROAD_LERF, Columns.ROAD_COMBINED));
    }
    if (reference != null && metrics.contains(Metric.FAITHFULNESS)) {
      out.add(Columns.FAITHFULNESS);
    }
    return out;
  }

  private void localize(SaliencyMap map, Input in, Map<String, Double> v) {
    Localization.Result r = localization.evaluate(map, in.truth().boxList());
    v.put(Columns.LOC_IOU, r.bestIou());
    v.put(Columns.LOC_HIT, hit(r.hit()));
    if (in.classCorrect() != null) {
      v.put(Columns.LOC_ERROR_TOP1, r.correct(in.classCorrect()) ? 0.0 : 1.0);
    }
  }

  private void perturbationCurves(SaliencyMap map, Input in, Map<String, Double> v,
      Map<String, PerImageResults.Curve> c) {
    boolean deletion = metrics.contains(Metric.DELETION);
    boolean insertion = metrics.contains(Metric.INSERTION);
    int cls = in.explainedClass();
    if (deletion && insertion) {
      DeletionInsertion.Curves both = deletionInsertion.both(in.image(), map, cls, scorer);
      putCurve(v, c, Columns.DELETION_AUC, Columns.DELETION_CURVE, both.deletion());
      putCurve(v, c, Columns.INSERTION_AUC, Columns.INSERTION_CURVE, both.insertion());
    } else if (deletion) {
      putCurve(v, c, Columns.DELETION_AUC, Columns.DELETION_CURVE, deletionInsertion.deletion(in.image(), map, cls, scorer));
    } else if (insertion) {
      putCurve(v, c, Columns.INSERTION_AUC, Columns.INSERTION_CURVE, deletionInsertion.insertion(in.image(), map, cls, scorer));
    }
    if (metrics.contains(Metric.ROAD)) {
      Road.Curves r = road.evaluate(in.image(), map, cls, scorer);
      v.put(Columns.ROAD_MORF, r.meanMorf());
      v.put(Columns.ROAD_LERF, r.meanLerf());
      v.put(Columns.ROAD_COMBINED, r.combined());
      c.put(Columns.ROAD_MORF_CURVE, new PerImageResults.Curve(r.percentages(), r.morf()));
      c.put(Columns.ROAD_LERF_CURVE, new PerImageResults.Curve(r.percentages(), r.lerf()));
    }
  }

  private static void putCurve(Map<String, Double> v, Map<String, PerImageResults.Curve> c, String metric,
      String curve, PerturbationCurve pc) {
    v.put(metric, pc.auc());
    c.put(curve, new PerImageResults.Curve(pc.fractions(), pc.scores()));
  }

  private static double hit(boolean hit) {
    return hit ? 1.0 : 0.0;
  }
}
