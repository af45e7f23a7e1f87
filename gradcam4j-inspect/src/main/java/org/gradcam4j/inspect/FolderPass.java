package org.gradcam4j.inspect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * One streaming pass over a folder: reads it in batches, runs the model forward to one tensor and
 * hands each batch's activations on, so that only one batch is ever held. A model with a fixed batch
 * size gets its last batch padded (the padding's activations are not handed on).
 */
public final class FolderPass {
  /** Hears the activations of one batch. */
  public interface Consumer {
    /**
     * @param indices per image of the batch, its index in {@link ImageFolder#files()}
     * @param activations [n, C, H, W] for exactly these images
     */
    void accept(int[] indices, FloatTensor activations);
  }

  private FolderPass() {}

  public static void run(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing, String tensor,
      int batchSize, BatchProgress progress, Consumer consumer) {
    run(runtime, folder, preprocessing, batchSize, progress,
        input -> runtime.forward(input, List.of(tensor)).get(tensor), consumer);
  }

  /**
   * The same pass with another computation per batch than a forward pass to a tensor (for example a
   * gradient run): {@code compute} maps a model input [n, 3, H, W] (padded to a fixed batch size) to a
   * tensor whose first axis is the batch.
   */
  public static void run(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing, int batchSize,
      BatchProgress progress, UnaryOperator<FloatTensor> compute, Consumer consumer) {
    int fixed = runtime.fixedBatchSize();
    int step = fixed > 0 ? fixed : Math.max(1, batchSize);
    Map<Path, Integer> index = new HashMap<>();
    List<Path> files = folder.files();
    for (int i = 0; i < files.size(); i++) {
      index.put(files.get(i), i);
    }
    progress.started(files.size());
    try {
      for (int from = 0; from < files.size(); from += step) {
        int to = Math.min(files.size(), from + step);
        ImageFolder.Batch batch = folder.read(from, to, preprocessing);
        if (batch.input() != null) {
          int n = batch.files().size();
          FloatTensor input = fixed > 0 && n < fixed ? batch.input().paddedSlice(0, n, fixed) : batch.input();
          FloatTensor act = compute.apply(input);
          if (act.dim(0) != n) {
            act = act.paddedSlice(0, n, n);
          }
          int[] idx = new int[n];
          for (int i = 0; i < n; i++) {
            idx[i] = index.get(batch.files().get(i));
          }
          consumer.accept(idx, act);
        }
        progress.advanced(to, files.size());
      }
    } finally {
      progress.finished();
    }
  }
}
