package org.gradcam4j.inspect.embed;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.Resizing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * Turns images into feature vectors: one forward pass per batch, reading one tensor. A 4-D tensor
 * [N, C, H, W] is global-average-pooled to C values per image; any other tensor is taken as it is
 * (flattened per image). The default tensor is the last spatial layer before the score (the one
 * Grad-CAM uses, see {@code ModelAnalysis.defaultLayer}). Unreadable images are skipped and listed.
 */
public final class FeatureExtractor {
  /** Hears how far a pass is. */
  public interface Progress {
    void advanced(int done, int total);

    Progress NONE = (done, total) -> {};
  }

  /**
   * What a pass produced: the embeddings (readable images only, in input order), small thumbnails of
   * the pre-processed images (side {@code thumbnailSize}, row by row as the embeddings), and the files
   * that were skipped.
   */
  public record Result(Embeddings embeddings, List<RgbImage> thumbnails, List<ImageFolder.Skipped> skipped) {}

  private final ModelRuntime runtime;
  private final Preprocessing preprocessing;
  private final String layer;
  private final int batchSize;
  private final int thumbnailSize;

  /**
   * @param layer a tensor or node name, or {@code null} for the last spatial layer
   * @param batchSize images per forward pass (a model with a fixed batch size gets its own)
   * @param thumbnailSize side of the kept thumbnails in pixels (0: keep none)
   */
  public FeatureExtractor(ModelRuntime runtime, Preprocessing preprocessing, String layer, int batchSize,
      int thumbnailSize) {
    if (batchSize < 1) {
      throw new GradCamException("The batch size must be at least 1, got " + batchSize);
    }
    this.runtime = runtime;
    this.preprocessing = preprocessing;
    this.batchSize = runtime.fixedBatchSize() > 0 ? runtime.fixedBatchSize() : batchSize;
    this.thumbnailSize = thumbnailSize;
    this.layer = layer;
  }

  /** The tensor that features come from, resolved against the model for images of this pre-processing. */
  public String resolvedLayer(long[] inputShape) {
    return runtime.resolveLayer(layer, inputShape, null);
  }

  /** Extracts features of {@code files}; {@code labelOf} names the label of each file. */
  public Result extract(List<Path> files, Function<Path, String> labelOf, Progress progress) {
    ImageFolder folder = ImageFolder.ofFiles(files);
    List<Path> kept = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    List<RgbImage> thumbs = new ArrayList<>();
    String tensor = null;
    int total = files.size();
    progress.advanced(0, total);
    for (int from = 0; from < total; from += batchSize) {
      int to = Math.min(total, from + batchSize);
      ImageFolder.Batch batch = folder.read(from, to, preprocessing);
      if (batch.input() != null) {
        FloatTensor input = batch.input();
        int n = (int) input.dim(0);
        if (runtime.fixedBatchSize() > 0 && n != runtime.fixedBatchSize()) {
          input = input.paddedSlice(0, n, runtime.fixedBatchSize());
        }
        if (tensor == null) {
          tensor = resolvedLayer(input.shape());
        }
        Map<String, FloatTensor> out = runtime.forward(input, List.of(tensor));
        float[][] rows = pool(out.get(tensor), n);
        for (int i = 0; i < n; i++) {
          kept.add(batch.files().get(i));
          labels.add(labelOf.apply(batch.files().get(i)));
          vectors.add(rows[i]);
          if (thumbnailSize > 0) {
            thumbs.add(thumbnail(batch.images().get(i), thumbnailSize));
          }
        }
      }
      progress.advanced(to, total);
    }
    if (vectors.isEmpty()) {
      throw new GradCamException("None of the " + total + " images could be read; the first problem: "
          + folder.skipped().get(0).file() + ": " + folder.skipped().get(0).reason());
    }
    return new Result(new Embeddings(kept, labels, vectors.toArray(float[][]::new), tensor), thumbs,
        folder.skipped());
  }

  /**
   * Features of images already in memory (pre-processed here like files are), in batches; for callers
   * that generate their images. Returns one row per image.
   */
  public float[][] features(List<RgbImage> images) {
    float[][] out = new float[images.size()][];
    String tensor = null;
    for (int from = 0; from < images.size(); from += batchSize) {
      int to = Math.min(images.size(), from + batchSize);
      List<FloatTensor> items = new ArrayList<>();
      for (RgbImage image : images.subList(from, to)) {
        items.add(preprocessing.normalize(preprocessing.resizeAndCrop(image)));
      }
      FloatTensor input = FloatTensor.stack(items);
      int n = to - from;
      if (runtime.fixedBatchSize() > 0 && n != runtime.fixedBatchSize()) {
        input = input.paddedSlice(0, n, runtime.fixedBatchSize());
      }
      if (tensor == null) {
        tensor = resolvedLayer(input.shape());
      }
      float[][] rows = pool(runtime.forward(input, List.of(tensor)).get(tensor), n);
      System.arraycopy(rows, 0, out, from, n);
    }
    return out;
  }

  /** Per image: the channel means of a [N, C, H, W] tensor, else the flattened values. */
  static float[][] pool(FloatTensor t, int n) {
    float[][] rows = new float[n][];
    if (t.rank() == 4) {
      int c = (int) t.dim(1);
      int hw = (int) (t.dim(2) * t.dim(3));
      float[] d = t.data();
      for (int i = 0; i < n; i++) {
        float[] r = new float[c];
        for (int ch = 0; ch < c; ch++) {
          double s = 0;
          int base = (i * c + ch) * hw;
          for (int j = 0; j < hw; j++) {
            s += d[base + j];
          }
          r[ch] = (float) (s / hw);
        }
        rows[i] = r;
      }
    } else {
      for (int i = 0; i < n; i++) {
        rows[i] = t.item(i).data().clone();
      }
    }
    return rows;
  }

  /** The image scaled so that its longer side is {@code size}, centred on a square of that size. */
  public static RgbImage thumbnail(RgbImage image, int size) {
    int w = image.width();
    int h = image.height();
    int tw = Math.max(1, w >= h ? size : Math.round((float) w * size / h));
    int th = Math.max(1, h >= w ? size : Math.round((float) h * size / w));
    RgbImage scaled = w == tw && h == th ? image : Resizing.resize(image, tw, th);
    if (tw == size && th == size) {
      return scaled;
    }
    RgbImage square = RgbImage.blank(size, size);
    int ox = (size - tw) / 2;
    int oy = (size - th) / 2;
    for (int y = 0; y < th; y++) {
      for (int x = 0; x < tw; x++) {
        for (int ch = 0; ch < 3; ch++) {
          square.set(ox + x, oy + y, ch, scaled.get(x, y, ch));
        }
      }
    }
    return square;
  }
}
