package org.gradcam4j.inspect.patches;

import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.FolderPass;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * The maximally activating patches of a layer's channels over a folder: one streaming pass in batches
 * ({@link FolderPass}) feeding a {@link TopUnits}, then the receptive field of the layer's units. The
 * channels are the given ones or, when none are given, the {@code topChannels} whose k best values
 * have the highest mean.
 */
public record TopPatches(LayerTensor layer, ReceptiveField field, int k, List<Channel> channels,
    List<ImageFolder.Skipped> skipped, int imagesRead) {
  /** A channel, its score (mean of its k best values) and its hits, best first. */
  public record Channel(int channel, double score, List<TopUnits.Hit> hits) {}

  public static TopPatches run(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      LayerTensor layer, List<Integer> channels, int topChannels, int k, int batchSize, BatchProgress progress) {
    List<Integer> chosen = channels == null || channels.isEmpty() ? null : layer.checkChannels(channels);
    ReceptiveField field = ReceptiveField.of(runtime.model().graph(), runtime.shapes(layer.inputShape()),
        runtime.imageInput(), layer.name());
    TopUnits top = new TopUnits(layer.channels(), k);
    int[] read = new int[1];
    FolderPass.run(runtime, folder, preprocessing, layer.name(), batchSize, progress, (indices, act) -> {
      int per = layer.channels() * layer.height() * layer.width();
      for (int i = 0; i < indices.length; i++) {
        top.offer(indices[i], act.data(), i * per, layer.height(), layer.width());
      }
      read[0] += indices.length;
    });
    if (read[0] == 0) {
      throw new org.gradcam4j.error.GradCamException("None of the " + folder.size() + " images in "
          + folder.folder() + " could be read");
    }
    List<Integer> shown = chosen != null ? chosen : IntStream.range(0, layer.channels()).boxed()
        .sorted(Comparator.<Integer>comparingDouble(c -> -top.score(c)).thenComparingInt(c -> c))
        .limit(Math.max(1, topChannels)).toList();
    List<Channel> result = shown.stream().map(c -> new Channel(c, top.score(c), top.best(c))).toList();
    return new TopPatches(layer, field, k, result, folder.skipped(), read[0]);
  }
}
