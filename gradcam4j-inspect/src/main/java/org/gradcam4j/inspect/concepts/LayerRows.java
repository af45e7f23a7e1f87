package org.gradcam4j.inspect.concepts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 */
public record LayerRows(List<Path> files, float[][] rows) {
  public int size() {
    return rows.length;
  }

  /** The activations of {@code layer} for every readable image of {@code folder}, in one streaming pass. */
  public static LayerRows activations(ModelRuntime runtime, ImageFolder folder, Preprocessing preprocessing,
      String layer, int batchSize, BatchProgress progress) {
    return collect(folder, rows -> FolderPass.run(runtime, folder, preprocessing, layer, batchSize, progress, rows));
  }

  /** The rows that {@code pass} hands to the consumer it is given, one per image, flattened. */
  static LayerRows collect(ImageFolder folder, java.util.function.Consumer<FolderPass.Consumer> pass) {
    float[][] byIndex = new float[folder.size()][];
    pass.accept((indices, values) -> {
      for (int i = 0; i < indices.length; i++) {
        byIndex[indices[i]] = values.item(i).data();
      }
    });
    return ofIndexed(folder, byIndex);
  }

  /** The rows present in {@code byIndex} (null for skipped images), with their files. */
  private static LayerRows ofIndexed(ImageFolder folder, float[][] byIndex) {
    List<Path> files = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int i = 0; i < byIndex.length; i++) {
      if (byIndex[i] != null) {
        files.add(folder.files().get(i));
        rows.add(byIndex[i]);
      }
    }
    return new LayerRows(files, rows.toArray(new float[0][]));
  }
}
