package org.gradcam4j.inspect.visualize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * Class and feature visualisation by gradient ascent through the compiled gradient graph: starting from
 * noise (or a photo), each step runs the model forward and back to its input in one
 * {@code session.run} and moves the image uphill on the objective. Objectives on the same tensor run
 * as one batch, each image with its own seed.
 *
 * <pre>{@code
 * try (FeatureVisualizer v = new FeatureVisualizer(runtime, Preprocessing.preset("imagenet"))) {
 *   List<Visualization> r = v.visualize(List.of(Objective.classLogit(130)),
 *       VisualizeSettings.defaults(Style.LUCID), FeatureVisualizer.Listener.NONE);
 * }
 * }</pre>
 */
public final class FeatureVisualizer implements AutoCloseable {
  /** How often (in steps) images are checked against a target probability. */
  static final int CHECK_EVERY = 8;

  /** Hears the progress: steps done of the total, and the mean objective value of the current batch. */
  public interface Listener {
    Listener NONE = (done, total, value) -> {};

    void step(int done, int total, double objectiveValue);
  }

  private final ModelRuntime runtime;
  private final Preprocessing preprocessing;
  private final Map<Integer, ObjectiveModel> objectiveModels = new LinkedHashMap<>();

  /** @param preprocessing how the model expects its images (it decides the range every pixel maps to) */
  public FeatureVisualizer(ModelRuntime runtime, Preprocessing preprocessing) {
    this.runtime = runtime;
    this.preprocessing = preprocessing;
  }

  /** The side of the produced images: the model's own size when it fixes one, else the settings'. */
  public int imageSize(VisualizeSettings settings) {
    int[] fixed = runtime.fixedInputSize();
    if (fixed == null) {
      return settings.size();
    }
    if (fixed[0] != fixed[1]) {
      throw new GradCamException("Feature visualisation makes square images; the model needs " + fixed[0] + "x"
          + fixed[1]);
    }
    return fixed[0];
  }

  /** Maximises each objective; results in the order given. */
  public List<Visualization> visualize(List<Objective> objectives, VisualizeSettings settings, Listener listener) {
    List<Planned> batches = plan(objectives, settings);
    int total = settings.steps() * batches.size();
    Visualization[] out = new Visualization[objectives.size()];
    int done = 0;
    for (Planned planned : batches) {
      Ascent a = planned.ascent();
      int step = 0;
      for (; step < settings.steps(); step++) {
        if (settings.targetProbability() > 0 && step % CHECK_EVERY == 0) {
          a.freezeReached(settings.targetProbability());
          if (a.allClasses() && a.allFrozen()) {
            break;
          }
        }
        double[] v = a.step();
        listener.step(done + step + 1, total, Arrays.stream(v).filter(x -> !Double.isNaN(x)).average().orElse(Double.NaN));
      }
      done += settings.steps();
      listener.step(done, total, Double.NaN);
      List<Visualization> r = a.results();
      for (int i = 0; i < r.size(); i++) {
        out[planned.indices().get(i)] = r.get(i);
      }
    }
    return List.of(out);
  }

  /** A batch and the positions of its objectives in the caller's list. */
  private record Planned(Ascent ascent, List<Integer> indices) {}

  /** Groups objectives by the tensor they are differentiated on, in batches the model accepts. */
  private List<Planned> plan(List<Objective> objectives, VisualizeSettings settings) {
    if (objectives.isEmpty()) {
      throw new GradCamException("Nothing to visualise: give at least one objective");
    }
    int size = imageSize(settings);
    ObjectiveModel model = objectiveModels.computeIfAbsent(size,
        s -> new ObjectiveModel(runtime, new long[] {1, 3, s, s}));
    Map<ObjectiveModel.Target, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < objectives.size(); i++) {
      groups.computeIfAbsent(model.target(objectives.get(i)), t -> new ArrayList<>()).add(i);
    }
    int limit = runtime.fixedBatchSize() > 0 ? runtime.fixedBatchSize() : ModelRuntime.MAX_GRADIENT_CHUNK;
    List<Planned> out = new ArrayList<>();
    groups.forEach((target, indices) -> {
      for (int from = 0; from < indices.size(); from += limit) {
        List<Integer> part = indices.subList(from, Math.min(indices.size(), from + limit));
        if (runtime.fixedBatchSize() > 0 && part.size() != limit) {
          // A model with a fixed batch takes exactly that many images; run the rest one batch each.
          for (int i : part) {
            out.add(new Planned(new Ascent(target, runtime, List.of(objectives.get(i)), preprocessing, settings,
                size, List.of(i)), List.of(i)));
          }
          continue;
        }
        out.add(new Planned(new Ascent(target, runtime, part.stream().map(objectives::get).toList(), preprocessing,
            settings, size, part), List.copyOf(part)));
      }
    });
    return out;
  }

  /** Medians of one ascent step and of the forward + input gradient alone, same model and batch. */
  public record Benchmark(int batch, int size, double stepSeconds, double gradientSeconds) {
    public double ratio() {
      return stepSeconds / gradientSeconds;
    }
  }

  /**
   * Times ascent steps against bare forward + input-gradient runs of the same batch, alternating so
   * that load changes hit both alike; {@code warmup} untimed rounds first.
   */
  public Benchmark benchmark(List<Objective> objectives, VisualizeSettings settings, int warmup, int iterations) {
    List<Planned> batches = plan(objectives, settings);
    if (batches.size() != 1) {
      throw new GradCamException("Benchmark objectives on one tensor (one batch)");
    }
    Ascent a = batches.get(0).ascent();
    FloatTensor batch = a.currentBatch();
    double[] step = new double[iterations];
    double[] grad = new double[iterations];
    for (int i = 0; i < warmup + iterations; i++) {
      long t0 = System.nanoTime();
      a.step();
      long t1 = System.nanoTime();
      a.gradientOnly(batch);
      long t2 = System.nanoTime();
      if (i >= warmup) {
        step[i - warmup] = (t1 - t0) / 1e9;
        grad[i - warmup] = (t2 - t1) / 1e9;
      }
    }
    return new Benchmark(a.size(), imageSize(settings), median(step), median(grad));
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  @Override
  public void close() {
    objectiveModels.values().forEach(ObjectiveModel::close);
  }
}
