package org.gradcam4j.inspect.concepts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.FolderPass;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * One value vector per image: a layer's activations (or their gradients), flattened, for the readable
 * images of a folder, in the folder's order.
 *
 * @param files the images the rows belong to (unreadable ones are left out)
 * @param rows one flattened vector per image
 * @param itemShape the shape of one image's values before flattening, e.g. [C, H, W]
 */
public record LayerRows(List<Path> files, float[][] rows, long[] itemShape) {
  public int size() {
    return rows.length;
  }

  /**
   * One value per channel of a [C, H, W] layer: the mean over positions ({@code mean}, for activations)
   * or the sum ({@code !mean}, for gradients: the derivative along a change of every position of a
   * channel by the same amount, which is what a change of the channel's mean by that amount is).
   */
  public LayerRows perChannel(boolean mean, String layer) {
    requireSpatial(itemShape, layer);
    float[][] pooled = new float[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      pooled[i] = perChannel(rows[i], itemShape, mean);
    }
    return new LayerRows(files, pooled, new long[] {itemShape[0]});
  }

  private static void requireSpatial(long[] itemShape, String layer) {
    if (itemShape.length != 3) {
      throw new GradCamException("Channel means need a 4-D layer [N, C, H, W]; '" + layer + "' has "
          + (itemShape.length + 1) + " dimensions");
    }
  }

  private static float[] perChannel(float[] row, long[] itemShape, boolean mean) {
    int c = (int) itemShape[0];
    int positions = (int) (itemShape[1] * itemShape[2]);
    float[] out = new float[c];
    for (int ch = 0; ch < c; ch++) {
      double s = 0;
      for (int p = 0; p < positions; p++) {
        s += row[ch * positions + p];
      }
      out[ch] = (float) (mean ? s / positions : s);
    }
    return out;
  }

  /** The activations of {@code layer} for every readable image of {@code folder}, in one streaming pass. */
  public static LayerRows activations(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      String layer, int batchSize, BatchProgress progress) {
    return activations(runtime, folder, preprocessing, layer, batchSize, false, progress);
  }

  /**
   * The same, reduced to {@linkplain #perChannel channel means} batch by batch when {@code channelMeans}
   * (so that only C values per image are kept).
   */
  public static LayerRows activations(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      String layer, int batchSize, boolean channelMeans, BatchProgress progress) {
    return collect(folder, layer, channelMeans ? Boolean.TRUE : null,
        rows -> FolderPass.run(runtime, folder, preprocessing, layer, batchSize, progress, rows));
  }

  /**
   * The rows that {@code pass} hands to the consumer it is given, one per image: flattened
   * ({@code perChannelMean} null), or reduced per channel as they come (mean for true, sum for false).
   */
  static LayerRows collect(ImageFolder folder, String layer, Boolean perChannelMean,
      java.util.function.Consumer<FolderPass.Consumer> pass) {
    float[][] byIndex = new float[folder.size()][];
    long[][] itemShape = {new long[0]};
    pass.accept((indices, values) -> {
      long[] shape = java.util.Arrays.copyOfRange(values.shape(), 1, values.shape().length);
      if (perChannelMean != null) {
        requireSpatial(shape, layer);
      }
      itemShape[0] = perChannelMean == null ? shape : new long[] {shape[0]};
      for (int i = 0; i < indices.length; i++) {
        float[] row = values.item(i).data();
        byIndex[indices[i]] = perChannelMean == null ? row : perChannel(row, shape, perChannelMean);
      }
    });
    return ofIndexed(folder, byIndex, itemShape[0]);
  }

  /** The rows present in {@code byIndex} (null for skipped images), with their files. */
  private static LayerRows ofIndexed(ImageFolder folder, float[][] byIndex, long[] itemShape) {
    List<Path> files = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < byIndex.length; i++) {
      if (byIndex[i] != null) {
        files.add(folder.files().get(i));
        rows.add(byIndex[i]);
      }
    }
    return new LayerRows(files, rows.toArray(new float[0][]), itemShape);
  }
}
