package org.gradcam4j.inspect.activations;

import java.util.Arrays;
import java.util.Comparator;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.runtime.FloatTensor;

/**
 * One image's activations at a layer, [1, C, H, W], with its channels ranked by mean activation
 * (highest first; ties by channel index).
 */
public record ChannelActivations(LayerTensor layer, FloatTensor values, float[] means, int[] order) {
  public static ChannelActivations of(LayerTensor layer, FloatTensor values) {
    int c = (int) values.dim(1);
    int plane = (int) (values.dim(2) * values.dim(3));
    float[] means = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double sum = 0;
      for (int i = ch * plane; i < (ch + 1) * plane; i++) {
        sum += values.data()[i];
      }
      means[ch] = (float) (sum / plane);
    }
    int[] order = java.util.stream.IntStream.range(0, c).boxed()
        .sorted(Comparator.<Integer>comparingDouble(ch -> -means[ch]).thenComparingInt(ch -> ch))
        .mapToInt(Integer::intValue).toArray();
    return new ChannelActivations(layer, values, means, order);
  }

  /** The smallest and largest activation over all channels: the range every tile is drawn in. */
  public float[] range() {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values.data()) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return new float[] {min, max};
  }

  @Override
  public String toString() {
    return "ChannelActivations[" + layer.name() + " " + Arrays.toString(values.shape()) + "]";
  }
}
