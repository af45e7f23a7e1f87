package org.gradcam4j.eval;

import org.gradcam4j.error.GradCamException;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Scores a sequence of generated images in batches of a fixed size, reusing the batch arrays from
 * call to call so that evaluating many images does not allocate a new batch each time. Not safe for
 * use by several threads at once.
 */
final class BatchScoring {
  /** Writes image {@code index} ({@code C*H*W} floats) into {@code dest} at {@code offset}. */
  interface ImageWriter {
    void write(int index, float[] dest, int offset);
  }

  private final int batchSize;
  private float[] fullBatch = new float[0];
  private float[] lastBatch = new float[0];

  BatchScoring(int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
    }
    this.batchSize = batchSize;
  }

  int batchSize() {
    return batchSize;
  }

  /**
   * Scores {@code count} images of shape {@code [c, h, w]}, all for {@code targetClass}. The writer
   * is called once per image, in increasing index order, so it may build each image from the
   * previous one.
   */
  float[] score(ClassScorer scorer, int count, int c, int h, int w, int targetClass, ImageWriter writer) {
    int itemSize = c * h * w;
    float[] scores = new float[count];
    for (int start = 0; start < count; start += batchSize) {
      int b = Math.min(batchSize, count - start);
      float[] data = buffer(b * itemSize, b == batchSize);
      for (int i = 0; i < b; i++) {
        writer.write(start + i, data, i * itemSize);
      }
      int[] classes = new int[b];
      java.util.Arrays.fill(classes, targetClass);
      float[] out = scorer.score(new FloatTensor(new long[] {b, c, h, w}, data), classes);
      if (out == null || out.length != b) {
        throw new GradCamException("the model scorer returned " + (out == null ? "nothing" : out.length
            + " scores") + " for a batch of " + b + " images");
      }
      for (int i = 0; i < b; i++) {
        if (Float.isNaN(out[i])) {
          throw new GradCamException("the model scorer returned NaN for class " + targetClass
              + " (image " + (start + i) + " of the perturbation sequence)");
        }
      }
      System.arraycopy(out, 0, scores, start, b);
    }
    return scores;
  }

  // A FloatTensor needs an array of exactly its size, so full batches and the final, shorter batch
  // each keep their own array.
  private float[] buffer(int size, boolean full) {
    if (full) {
      if (fullBatch.length != size) {
        fullBatch = new float[size];
      }
      return fullBatch;
    }
    if (lastBatch.length != size) {
      lastBatch = new float[size];
    }
    return lastBatch;
  }
}
