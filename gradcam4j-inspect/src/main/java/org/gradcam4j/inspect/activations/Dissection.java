package org.gradcam4j.inspect.activations;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.FolderPass;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * NetDissect's view of a unit (channel): its threshold is the value that the top {@code quantile} of
 * all its activations over a data set exceed ({@link UpperQuantile}; 0.005 = top 0.5 %), and the
 * images where it fires most (highest maximum activation) show where it is above that threshold.
 *
 * <p>One pass over the folder keeps, per chosen channel, every activation value (N x H x W floats,
 * needed for an exact quantile) and each image's maximum; other channels are not kept.
 */
public record Dissection(LayerTensor layer, double quantile, List<Unit> units, List<ImageFolder.Skipped> skipped) {
  /** A chosen channel: its threshold and the images where it fires most, best first. */
  public record Unit(int channel, float threshold, List<TopImage> top) {}

  /** An image of the folder and the channel's maximum activation over it. */
  public record TopImage(int index, Path file, float max) {}

  public static Dissection run(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      LayerTensor layer, List<Integer> channels, double quantile, int topImages, int batchSize, BatchProgress progress) {
    if (!(quantile > 0 && quantile < 1)) {
      throw new org.gradcam4j.error.GradCamException("--quantile must be between 0 and 1 (0.005 = top 0.5 %), got " + quantile);
    }
    List<Integer> chosen = layer.checkChannels(channels);
    int plane = layer.height() * layer.width();
    int imageCount = folder.size();
    float[][] values = new float[chosen.size()][];
    float[][] maxima = new float[chosen.size()][imageCount];
    for (float[] m : maxima) {
      Arrays.fill(m, Float.NaN);
    }
    int[] filled = new int[1];
    FolderPass.run(runtime, folder, preprocessing, layer.name(), batchSize, progress, (indices, act) -> {
      int c = (int) act.dim(1);
      for (int u = 0; u < chosen.size(); u++) {
        if (values[u] == null) {
          values[u] = new float[Math.multiplyExact(imageCount, plane)];
        }
        for (int i = 0; i < indices.length; i++) {
          int from = (i * c + chosen.get(u)) * plane;
          System.arraycopy(act.data(), from, values[u], filled[0] + i * plane, plane);
          float max = Float.NEGATIVE_INFINITY;
          for (int p = from; p < from + plane; p++) {
            max = Math.max(max, act.data()[p]);
          }
          maxima[u][indices[i]] = max;
        }
      }
      filled[0] += indices.length * plane;
    });
    if (filled[0] == 0) {
      throw new org.gradcam4j.error.GradCamException("None of the " + imageCount + " images in "
          + folder.folder() + " could be read");
    }
    List<Unit> units = new ArrayList<>();
    for (int u = 0; u < chosen.size(); u++) {
      float threshold = UpperQuantile.of(values[u], filled[0], quantile);
      values[u] = null;
      float[] m = maxima[u];
      List<TopImage> top = java.util.stream.IntStream.range(0, imageCount).filter(i -> !Float.isNaN(m[i])).boxed()
          .sorted(Comparator.<Integer>comparingDouble(i -> -m[i]).thenComparingInt(i -> i))
          .limit(topImages).map(i -> new TopImage(i, folder.files().get(i), m[i])).toList();
      units.add(new Unit(chosen.get(u), threshold, top));
    }
    return new Dissection(layer, quantile, units, folder.skipped());
  }

  /** The channel's map over one image's activations [1, C, H, W]. */
  static float[] channelMap(FloatTensor act, int channel, int plane) {
    return Arrays.copyOfRange(act.data(), channel * plane, (channel + 1) * plane);
  }
}
