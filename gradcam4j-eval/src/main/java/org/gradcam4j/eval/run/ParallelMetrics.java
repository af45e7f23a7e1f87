package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.SaliencyMap;
import org.gradcam4j.eval.run.metrics.ImageFacts;

/**
 * Scores the maps of a batch on several threads: every (image, method) pair is a task of its own, and
 * so is the scoring of each image's maps together (the confidence batch). The Java-side work of the
 * perturbation metrics (blurring, ROAD's imputation, ranking pixels) then overlaps with ONNX Runtime's
 * model runs. Each worker thread has its own {@link MetricWorker}; every value depends only on its map
 * and fixed seeds, so the results are the same for any number of workers.
 */
final class ParallelMetrics implements AutoCloseable {
  private final ExecutorService pool;
  private final ThreadLocal<MetricWorker> perThread;
  private final MetricWorker inline;

  ParallelMetrics(int workers, Supplier<MetricWorker> factory) {
    if (workers < 1) {
      throw new IllegalArgumentException("need at least one worker, got " + workers);
    }
    this.inline = workers == 1 ? factory.get() : null;
    this.perThread = ThreadLocal.withInitial(factory);
    this.pool = workers == 1 ? null : Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "gradcam4j-metrics");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * The results of every image of a batch.
   *
   * @param inputs per image, what is known about it
   * @param maps per image, method name to map, in method order
   * @param references per image, the faithfulness reference map (entries may be null)
   * @param explainMs per method, the explanation time per image
   */
  List<Map<String, ImageRecord.MethodResult>> evaluate(List<ImageFacts> inputs,
      List<Map<String, SaliencyMap>> maps, List<SaliencyMap> references, Map<String, Double> explainMs) {
    int n = inputs.size();
    List<List<Future<MetricWorker.MapResult>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Future<MetricWorker.MapResult>> perImage = new ArrayList<>();
      for (SaliencyMap map : maps.get(i).values()) {
        ImageFacts in = inputs.get(i);
        SaliencyMap reference = references.get(i);
        perImage.add(submit(() -> metrics().scoreMap(in, map, reference)));
      }
      futures.add(perImage);
    }
    List<Map<String, ImageRecord.MethodResult>> out = new ArrayList<>(n);
    List<Future<List<MetricWorker.MapResult>>> together = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<MetricWorker.MapResult> results = new ArrayList<>();
      for (Future<MetricWorker.MapResult> f : futures.get(i)) {
        results.add(get(f));
      }
      ImageFacts in = inputs.get(i);
      List<SaliencyMap> imageMaps = new ArrayList<>(maps.get(i).values());
      together.add(submit(() -> {
        MetricWorker m = metrics();
        if (m.hasImageMetrics()) {
          m.scoreTogether(in, imageMaps, results);
        }
        return results;
      }));
    }
    for (int i = 0; i < n; i++) {
      List<MetricWorker.MapResult> results = get(together.get(i));
      Map<String, ImageRecord.MethodResult> byMethod = new LinkedHashMap<>();
      int k = 0;
      for (String method : maps.get(i).keySet()) {
        MetricWorker.MapResult r = results.get(k++);
        byMethod.put(method, new ImageRecord.MethodResult(r.values(), r.curves(),
            explainMs.getOrDefault(method, Double.NaN), r.ms()));
      }
      out.add(byMethod);
    }
    return out;
  }

  private MetricWorker metrics() {
    return inline != null ? inline : perThread.get();
  }

  private <T> Future<T> submit(Callable<T> task) {
    if (pool != null) {
      return pool.submit(task);
    }
    java.util.concurrent.CompletableFuture<T> done = new java.util.concurrent.CompletableFuture<>();
    try {
      done.complete(task.call());
    } catch (Exception e) {
      done.completeExceptionally(e);
    }
    return done;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GradCamException("the evaluation was interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new GradCamException("computing a metric failed: " + cause, cause);
    }
  }

  @Override
  public void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
