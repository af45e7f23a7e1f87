package org.gradcam4j.train;

import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.RgbImage;

/**
 * What {@link DemoTrainer} trains on: an endless, reproducible stream of labelled images, and an easy
 * version of each for the curriculum at the start. The synthetic benchmark is one; the bias study's
 * data with a spurious cue is another.
 */
public interface TrainingImages {
  /** One training image and its class index. */
  record Example(RgbImage image, int label) {}

  /** Number of classes. */
  int classCount();

  /** Training image {@code index} (0 or more); the same index always gives the same image. */
  Example example(long index);

  /** An easier image of the same class as {@link #example(long) example(index)}. */
  Example easyExample(long index);

  /** The synthetic benchmark: {@link SyntheticDataset#sample} and {@link SyntheticDataset#easySample}. */
  static TrainingImages of(SyntheticDataset data) {
    return new TrainingImages() {
      @Override
      public int classCount() {
        return data.classCount();
      }

      @Override
      public Example example(long index) {
        return of(data.sample(index));
      }

      @Override
      public Example easyExample(long index) {
        return of(data.easySample(index));
      }

      private Example of(LabelledImage sample) {
        return new Example(sample.image(), sample.label());
      }
    };
  }
}
