package org.gradcam4j.spark;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.spark.TaskContext;
import org.gradcam4j.Explainer;
import org.gradcam4j.model.ResolvedModel;

/**
 * One loaded model per executor JVM, shared by all the tasks that run there: loading and compiling a
 * model costs seconds and its sessions hold native memory, so each executor pays for it once. The
 * runtime's sessions are safe to run from several task threads at once.
 *
 * <p>Each session gets as many intra-op threads as a task has cores ({@code spark.task.cpus}, 1 by
 * default), so an executor running k tasks at once keeps k x task.cpus cores busy and no more.
 */
final class ExecutorModels {
  /** A model with the things the tasks need beside it. */
  record Loaded(ResolvedModel model, Explainer explainer) {}

  private static final ConcurrentMap<String, Loaded> LOADED = new ConcurrentHashMap<>();

  private ExecutorModels() {}

  static Loaded get(ModelSource source) {
    int threads = source.threads() > 0 ? source.threads() : taskCpus();
    String key = source.uri() + "|" + source.parsedDevice() + "|" + threads;
    return LOADED.computeIfAbsent(key, k -> {
      ResolvedModel resolved = ModelFiles.resolve(source.uri());
      return new Loaded(resolved, Explainer.of(resolved.model(), threads, source.parsedDevice()));
    });
  }

  /** The cores of the running task, or 1 outside a task (on the driver). */
  static int taskCpus() {
    TaskContext task = TaskContext.get();
    return task == null ? 1 : Math.max(1, task.cpus());
  }
}
