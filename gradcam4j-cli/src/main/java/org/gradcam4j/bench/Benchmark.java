package org.gradcam4j.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.Explainer;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.methods.ExplainRequest;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Times an explanation method against the model's plain forward pass, the way a user runs them:
 * through the same session machinery, Java-side input and output copies included. Warm-up runs
 * (which also compile and create sessions) are not timed.
 */
public final class Benchmark {
  private Benchmark() {}

  /** Timing summary; times in milliseconds. */
  public record Result(String method, int batch, int warmup, int iterations, double medianMsPerBatch,
      double medianMsPerImage, double minMsPerBatch, double p90MsPerBatch) {}

  /** A runnable measurement: one call = one batch. */
  public interface Task {
    void run();
  }

  /** Builds the task for {@code method} ("forward" or a method name) on a random batch. */
  public static Task task(Explainer explainer, String method, ExplainRequest request, FloatTensor batch) {
    if (method.equals("forward")) {
      List<String> outputs = List.of(explainer.outputNames().get(0));
      return () -> explainer.forward(batch, outputs);
    }
    ExplainRequest r = request.withMethod(Methods.byName(method));
    return () -> explainer.explain(batch, r);
  }

  public static Result measure(String method, int batch, int warmup, int iterations, Task task) {
    for (int i = 0; i < warmup; i++) {
      task.run();
    }
    double[] ms = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      task.run();
      ms[i] = (System.nanoTime() - t0) / 1e6;
    }
    return summary(method, batch, warmup, ms);
  }

  /**
   * Measures two tasks in alternation (A, B, A, B, ...), so that drifts in machine load affect both
   * alike; the ratio of their medians is then much more stable than two separate runs.
   */
  public static Result[] compare(String methodA, Task a, String methodB, Task b, int batch, int warmup,
      int iterations) {
    for (int i = 0; i < warmup; i++) {
      a.run();
      b.run();
    }
    double[] msA = new double[iterations];
    double[] msB = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      a.run();
      long t1 = System.nanoTime();
      b.run();
      long t2 = System.nanoTime();
      msA[i] = (t1 - t0) / 1e6;
      msB[i] = (t2 - t1) / 1e6;
    }
    return new Result[] {summary(methodA, batch, warmup, msA), summary(methodB, batch, warmup, msB)};
  }

  /** Forward passes per second of a method and of plain batched inference, measured in alternation. */
  public record Throughput(double methodPerSecond, double plainPerSecond, double ratio) {}

  /**
   * Compares a method that makes {@code forwardsPerRun} forward passes per run with plain inference:
   * each timed run of the method is followed by as many plain batches as make the same number of
   * forward passes, so that load changes hit both alike. The ratio is the median of the per-pair
   * ratios; the rates are medians too.
   */
  public static Throughput throughput(Task method, long forwardsPerRun, Task plainBatch, int plainBatchSize,
      int iterations) {
    int plainRuns = (int) Math.max(1, (forwardsPerRun + plainBatchSize - 1) / plainBatchSize);
    double[] methodRate = new double[iterations];
    double[] plainRate = new double[iterations];
    double[] ratio = new double[iterations];
    for (int i = 0; i < iterations; i++) {
      long t0 = System.nanoTime();
      method.run();
      long t1 = System.nanoTime();
      for (int j = 0; j < plainRuns; j++) {
        plainBatch.run();
      }
      long t2 = System.nanoTime();
      methodRate[i] = forwardsPerRun / ((t1 - t0) / 1e9);
      plainRate[i] = (double) plainRuns * plainBatchSize / ((t2 - t1) / 1e9);
      ratio[i] = methodRate[i] / plainRate[i];
    }
    return new Throughput(median(methodRate), median(plainRate), median(ratio));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  private static Result summary(String method, int batch, int warmup, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    double median = median(ms);
    double p90 = sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.9 * sorted.length) - 1)];
    return new Result(method, batch, warmup, ms.length, median, median / batch, sorted[0], p90);
  }

  /** A reproducible random image batch [n, 3, h, w] with values of a normalised image. */
  public static FloatTensor randomBatch(int n, int h, int w, long seed) {
    FloatTensor t = FloatTensor.zeros(n, 3, h, w);
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < t.data().length; i++) {
      t.data()[i] = (float) (r.nextDouble() * 4 - 2);
    }
    return t;
  }
}
