package org.gradcam4j.methods;

import java.util.List;
import org.gradcam4j.image.Segmentation;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Scores coalitions of segments of one image: a coalition keeps the pixels of the segments it holds
 * and sets all others to the fill value, and its score is the image's explained functional
 * ({@link MethodContext#seedVector}) of the model's output for that copy. Copies are built on a
 * background thread while ONNX Runtime scores the previous batch ({@link Prefetcher}), in batches of
 * {@link MethodContext#runBatchSize()}.
 */
final class CoalitionScorer {
  private final MethodContext ctx;
  private final float[] image;
  private final int channels;
  private final Segmentation segmentation;
  private final float fill;
  private final float[] seed;
  private final double full;

  /**
   * @param full the functional of the unperturbed image (the coalition of all segments), known without
   *     another run
   */
  CoalitionScorer(MethodContext ctx, float[] image, int channels, Segmentation segmentation, float fill, float[] seed,
      double full) {
    this.ctx = ctx;
    this.image = image;
    this.channels = channels;
    this.segmentation = segmentation;
    this.fill = fill;
    this.seed = seed;
    this.full = full;
  }

  /** Number of segments (players). */
  int players() {
    return segmentation.count();
  }

  /** The score of the whole image. */
  double full() {
    return full;
  }

  /** The score of every coalition, {@code keep[segment]} saying which segments stay. */
  double[] score(List<boolean[]> coalitions) {
    int total = coalitions.size();
    int chunk = ctx.runBatchSize();
    int height = segmentation.height();
    int width = segmentation.width();
    int item = channels * height * width;
    double[] scores = new double[total];
    try (Prefetcher<FloatTensor> batches = new Prefetcher<>(sink -> {
      for (int start = 0; start < total; start += chunk) {
        int count = Math.min(chunk, total - start);
        float[] copies = new float[count * item];
        for (int j = 0; j < count; j++) {
          segmentation.mask(image, channels, coalitions.get(start + j), fill, copies, j * item);
        }
        sink.accept(new FloatTensor(new long[] {count, channels, height, width}, copies));
      }
    }, 1)) {
      int done = 0;
      for (FloatTensor b = batches.next().orElse(null); b != null; b = batches.next().orElse(null)) {
        float[] out = ctx.scores(b).data();
        int count = (int) b.dim(0);
        for (int j = 0; j < count; j++) {
          scores[done + j] = MethodContext.dot(seed, out, j * seed.length);
        }
        done += count;
      }
    }
    return scores;
  }
}
