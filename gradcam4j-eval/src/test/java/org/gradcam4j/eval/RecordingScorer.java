package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.gradcam4j.runtime.FloatTensor;

/**
 * A model stand-in for the metric tests: scores each image of a batch with a plain function of its
 * {@code [C, H, W]} data and records the batch sizes and classes it was called with.
 */
final class RecordingScorer implements ClassScorer {
  final List<Integer> batchSizes = new ArrayList<>();
  final List<Integer> classesSeen = new ArrayList<>();
  final List<float[]> images = new ArrayList<>();
  private final ToDoubleFunction<float[]> function;
  private final boolean keepImages;

  RecordingScorer(ToDoubleFunction<float[]> function, boolean keepImages) {
    this.function = function;
    this.keepImages = keepImages;
  }

  RecordingScorer(ToDoubleFunction<float[]> function) {
    this(function, false);
  }

  @Override
  public float[] score(FloatTensor batch, int[] classes) {
    int b = (int) batch.dim(0);
    batchSizes.add(b);
    int item = batch.data().length / b;
    float[] out = new float[b];
    for (int i = 0; i < b; i++) {
      float[] image = Arrays.copyOfRange(batch.data(), i * item, (i + 1) * item);
      if (keepImages) {
        images.add(image);
      }
      classesSeen.add(classes[i]);
      out[i] = (float) function.applyAsDouble(image);
    }
    return out;
  }

  /** Mean of channel 0 over the pixels flagged in {@code region} (a "true object" detector). */
  static ToDoubleFunction<float[]> regionMean(boolean[] region) {
    int count = 0;
    for (boolean b : region) {
      if (b) {
        count++;
      }
    }
    int n = count;
    return image -> {
      double s = 0;
      for (int i = 0; i < region.length; i++) {
        if (region[i]) {
          s += image[i];
        }
      }
      return s / n;
    };
  }
}
