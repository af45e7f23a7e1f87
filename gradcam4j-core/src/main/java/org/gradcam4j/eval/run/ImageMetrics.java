package org.gradcam4j.eval.run;

import java.util.ArrayList;
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
 * Computes the selected metrics of every method's map for one image. The metric objects are reused
 * from image to image (they keep work arrays), so an instance serves one thread.
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

  /**
   * Scores each map ({@code maps}: method name to map at the image's size) of one image.
   *
   * @param reference the faithfulness reference map, or {@code null} when faithfulness is not computed
   * @param explainMs per method, the time its explanation took for this image
   */
  Map<String, ImageRecord.MethodResult> evaluate(Input in, Map<String, SaliencyMap> maps, SaliencyMap reference,
      Map<String, Double> explainMs) {
    Map<String, Map<String, Double>> values = new LinkedHashMap<>();
    Map<String, Map<String, PerImageResults.Curve>> curves = new LinkedHashMap<>();
    Map<String, Double> metricMs = new LinkedHashMap<>();
    for (String method : maps.keySet()) {
      values.put(method, new LinkedHashMap<>());
      curves.put(method, new LinkedHashMap<>());
      metricMs.put(method, 0.0);
    }
    boolean withTruth = in.truth() != null && !in.truth().isEmpty();
    for (Map.Entry<String, SaliencyMap> e : maps.entrySet()) {
      String method = e.getKey();
      SaliencyMap map = e.getValue();
      Map<String, Double> v = values.get(method);
      Map<String, PerImageResults.Curve> c = curves.get(method);
      long t0 = System.nanoTime();
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
        v.put(Columns.FAITHFULNESS, OcclusionFaithfulness.spearman(map, reference));
      }
      metricMs.merge(method, (System.nanoTime() - t0) / 1e6, Double::sum);
    }
    if (metrics.contains(Metric.CONFIDENCE)) {
      long t0 = System.nanoTime();
      List<String> names = new ArrayList<>(maps.keySet());
      // One batch for the image and every method's explained region.
      List<ConfidenceChange.Result> r = confidence.evaluate(in.image(), new ArrayList<>(maps.values()),
          in.explainedClass(), scorer);
      double share = (System.nanoTime() - t0) / 1e6 / names.size();
      for (int k = 0; k < names.size(); k++) {
        values.get(names.get(k)).put(Columns.AVERAGE_DROP, 100 * r.get(k).drop());
        values.get(names.get(k)).put(Columns.INCREASE, r.get(k).increase() ? 100.0 : 0.0);
        metricMs.merge(names.get(k), share, Double::sum);
      }
    }
    Map<String, ImageRecord.MethodResult> out = new LinkedHashMap<>();
    for (String method : maps.keySet()) {
      out.put(method, new ImageRecord.MethodResult(values.get(method), curves.get(method),
          explainMs.getOrDefault(method, Double.NaN), metricMs.get(method)));
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
