package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.gradcam4j.eval.ClassScorer;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.report.PerImageResults;
import org.gradcam4j.eval.run.metrics.ImageFacts;
import org.gradcam4j.eval.run.metrics.ImageMetric;
import org.gradcam4j.eval.run.metrics.MapMetric;
import org.gradcam4j.eval.run.metrics.MetricRule;
import org.gradcam4j.eval.run.metrics.MetricSettings;
import org.gradcam4j.eval.run.metrics.Scores;
import org.gradcam4j.eval.run.metrics.WorkerContext;

/**
 * Computes the chosen map and image metrics ({@link MapMetric}, {@link ImageMetric}) of the maps of
 * one image. The scorers are reused from map to map (they keep work arrays), so an instance serves
 * one thread; {@link ParallelMetrics} gives each worker its own.
 */
final class MetricWorker implements WorkerContext {
  private final MetricSettings settings;
  private final ClassScorer model;
  private final Map<Class<?>, Object> shared = new HashMap<>();
  private final List<MapMetric> mapMetrics = new ArrayList<>();
  private final List<MapMetric.Scorer> mapScorers = new ArrayList<>();
  private final List<ImageMetric> imageMetrics = new ArrayList<>();
  private final List<ImageMetric.Scorer> imageScorers = new ArrayList<>();

  MetricWorker(Set<Metric> metrics, MetricSettings settings, ClassScorer model) {
    this.settings = settings;
    this.model = model;
    // In registry order, so that each image's values are recorded in the same order on every run.
    for (Metric m : Metric.values()) {
      if (!metrics.contains(m)) {
        continue;
      }
      if (m.rule() instanceof MapMetric map) {
        mapMetrics.add(map);
        mapScorers.add(map.scorer(this));
      } else if (m.rule() instanceof ImageMetric image) {
        imageMetrics.add(image);
        imageScorers.add(image.scorer(this));
      }
    }
  }

  @Override
  public MetricSettings settings() {
    return settings;
  }

  @Override
  public ClassScorer model() {
    return model;
  }

  @Override
  public <T> T shared(Class<T> type, Supplier<T> make) {
    return type.cast(shared.computeIfAbsent(type, t -> make.get()));
  }

  /** The values and curves of one map, and how long they took. */
  record MapResult(Map<String, Double> values, Map<String, PerImageResults.Curve> curves, double ms) {
    /** Where a metric's results for this map go. */
    Scores scores() {
      return new RecordedScores(values, curves);
    }
  }

  /** The map metrics of one map. */
  MapResult scoreMap(ImageFacts in, SaliencyMap map, SaliencyMap reference) {
    long t0 = System.nanoTime();
    MapResult result = new MapResult(new LinkedHashMap<>(), new LinkedHashMap<>(), 0);
    Scores out = result.scores();
    boolean finite = map.isFinite();
    for (int k = 0; k < mapMetrics.size(); k++) {
      MapMetric metric = mapMetrics.get(k);
      if (!applies(metric, in) || (metric.comparesWithReference() && reference == null)) {
        continue;
      }
      if (finite) {
        mapScorers.get(k).score(in, map, reference, out);
      } else {
        // A method that fails on one image should not stop a long run: its values there are undefined.
        undefined(metric, in, out);
      }
    }
    return new MapResult(result.values(), result.curves(), (System.nanoTime() - t0) / 1e6);
  }

  /** Whether {@link #scoreTogether} has anything to do. */
  boolean hasImageMetrics() {
    return !imageMetrics.isEmpty();
  }

  /**
   * The image metrics of every map of one image, scored together; the values are added to
   * {@code results} (same order as {@code maps}), and the time is shared out evenly.
   */
  void scoreTogether(ImageFacts in, List<SaliencyMap> maps, List<MapResult> results) {
    long t0 = System.nanoTime();
    List<SaliencyMap> finite = new ArrayList<>();
    List<Scores> finiteOut = new ArrayList<>();
    List<Scores> undefinedOut = new ArrayList<>();
    for (int k = 0; k < maps.size(); k++) {
      if (maps.get(k).isFinite()) {
        finite.add(maps.get(k));
        finiteOut.add(results.get(k).scores());
      } else {
        undefinedOut.add(results.get(k).scores());
      }
    }
    for (int j = 0; j < imageMetrics.size(); j++) {
      ImageMetric metric = imageMetrics.get(j);
      if (!applies(metric, in)) {
        continue;
      }
      if (!finite.isEmpty()) {
        imageScorers.get(j).score(in, finite, finiteOut);
      }
      for (Scores out : undefinedOut) {
        undefined(metric, in, out);
      }
    }
    double share = (System.nanoTime() - t0) / 1e6 / maps.size();
    for (int k = 0; k < maps.size(); k++) {
      MapResult m = results.get(k);
      results.set(k, new MapResult(m.values(), m.curves(), m.ms() + share));
    }
  }

  private static boolean applies(MetricRule metric, ImageFacts in) {
    return !metric.needsGroundTruth() || in.hasGroundTruth();
  }

  private void undefined(MetricRule metric, ImageFacts in, Scores out) {
    for (String column : metric.columnsFor(in, settings)) {
      out.value(column, Double.NaN);
    }
  }
}
