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

/**
 * Scores the maps of a batch on several threads: every (image, method) pair is a task of its own, and
 * so is each image's confidence batch. The Java-side work of the perturbation metrics (blurring,
 * ROAD's imputation, ranking pixels) then overlaps with ONNX Runtime's model runs. Each worker thread
 * has its own {@link ImageMetrics}; every value depends only on its map and fixed seeds, so the
 * results are the same for any number of workers.
 */
final class ParallelMetrics implements AutoCloseable {
  private final ExecutorService pool;
  private final ThreadLocal<ImageMetrics> perThread;
  private final ImageMetrics inline;

  ParallelMetrics(int workers, Supplier<ImageMetrics> factory) {
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
  List<Map<String, ImageRecord.MethodResult>> evaluate(List<ImageMetrics.Input> inputs,
      List<Map<String, SaliencyMap>> maps, List<SaliencyMap> references, Map<String, Double> explainMs) {
    int n = inputs.size();
    List<List<Future<ImageMetrics.MapResult>>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Future<ImageMetrics.MapResult>> perImage = new ArrayList<>();
      for (SaliencyMap map : maps.get(i).values()) {
        ImageMetrics.Input in = inputs.get(i);
        SaliencyMap reference = references.get(i);
        perImage.add(submit(() -> metrics().scoreMap(in, map, reference)));
      }
      futures.add(perImage);
    }
    List<Map<String, ImageRecord.MethodResult>> out = new ArrayList<>(n);
    List<Future<List<ImageMetrics.MapResult>>> withConfidence = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<ImageMetrics.MapResult> results = new ArrayList<>();
      for (Future<ImageMetrics.MapResult> f : futures.get(i)) {
        results.add(get(f));
      }
      ImageMetrics.Input in = inputs.get(i);
      List<SaliencyMap> imageMaps = new ArrayList<>(maps.get(i).values());
      withConfidence.add(submit(() -> {
        ImageMetrics m = metrics();
        if (m.measuresConfidence()) {
          m.confidence(in, imageMaps, results);
        }
        return results;
      }));
    }
    for (int i = 0; i < n; i++) {
      List<ImageMetrics.MapResult> results = get(withConfidence.get(i));
      Map<String, ImageRecord.MethodResult> byMethod = new LinkedHashMap<>();
      int k = 0;
      for (String method : maps.get(i).keySet()) {
        ImageMetrics.MapResult r = results.get(k++);
        byMethod.put(method, new ImageRecord.MethodResult(r.values(), r.curves(),
            explainMs.getOrDefault(method, Double.NaN), r.ms()));
      }
      out.add(byMethod);
    }
    return out;
  }

  private ImageMetrics metrics() {
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
