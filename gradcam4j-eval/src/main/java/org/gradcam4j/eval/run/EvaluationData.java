package org.gradcam4j.eval.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.data.GroundTruthFolder;
import org.gradcam4j.eval.truth.CsvGroundTruth;
import org.gradcam4j.eval.truth.GroundTruthSource;
import org.gradcam4j.eval.truth.VocAnnotations;

/**
 * The images an {@link Evaluation} runs over, read one at a time. Implementations must give the same
 * ids and images for the same index on every run, since an interrupted evaluation continues by id.
 */
public interface EvaluationData {
  /** Number of images. */
  int size();

  /** The stable id of image {@code index} (cheap: the image is not read). */
  String id(int index);

  /** Reads image {@code index} and its annotations. */
  EvaluationImage load(int index);

  /**
   * What the data is, for the journal's settings check: a resumed evaluation must read the same data.
   * The number of images is not part of it, so a finished evaluation can be extended with more images.
   */
  String describe();

  /** Class names by model class index when the data knows them (for reports), else empty. */
  default List<String> classNames() {
    return List.of();
  }

  /** Only the first {@code count} images (all of them when there are fewer). */
  default EvaluationData first(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("image count must be >= 0, got " + count);
    }
    EvaluationData all = this;
    int n = Math.min(count, all.size());
    return new EvaluationData() {
      @Override
      public int size() {
        return n;
      }

      @Override
      public String id(int index) {
        return all.id(index);
      }

      @Override
      public EvaluationImage load(int index) {
        return all.load(index);
      }

      @Override
      public String describe() {
        return all.describe();
      }

      @Override
      public List<String> classNames() {
        return all.classNames();
      }
    };
  }

  /**
   * {@code count} images of the synthetic shape benchmark ({@link org.gradcam4j.data.SyntheticDataset}),
   * samples 0 to {@code count - 1}, with exact masks and boxes.
   */
  static EvaluationData synthetic(long seed, int count, int imageSize) {
    return new SyntheticData(seed, count, imageSize);
  }

  /** A folder written by {@link GroundTruthFolder#export}: images, masks, boxes and class names. */
  static EvaluationData groundTruthFolder(Path directory) {
    return new GroundTruthFolderData(GroundTruthFolder.open(directory));
  }

  /**
   * Every PNG and JPEG image under {@code directory} (sub-folders included, sorted by relative path),
   * with the ground truth {@code truth} finds for each.
   *
   * @param truthDescription names the ground truth in the journal's settings (e.g. its file)
   * @param classNames the model's class names, to map annotation labels given as names to class
   *     indices (labels that are numbers are indices already); may be empty
   */
  static EvaluationData imageFolder(Path directory, GroundTruthSource truth, String truthDescription,
      List<String> classNames) {
    return new ImageFolderData(directory, truth, truthDescription, classNames);
  }

  /**
   * A folder as the command line reads it: a {@link GroundTruthFolder} when it holds
   * {@value GroundTruthFolder#CSV_FILE}; else its images with the boxes of {@code csv} when given, else
   * with PASCAL VOC files next to the images ({@code photo.xml} for {@code photo.jpg}).
   */
  static EvaluationData open(Path directory, Path csv, List<String> classNames) {
    if (!Files.isDirectory(directory)) {
      throw new GradCamException("data folder " + directory + " does not exist or is not a folder");
    }
    if (csv == null && Files.isRegularFile(directory.resolve(GroundTruthFolder.CSV_FILE))) {
      return groundTruthFolder(directory);
    }
    if (csv != null) {
      return imageFolder(directory, CsvGroundTruth.read(csv), "csv " + csv.toAbsolutePath().normalize(), classNames);
    }
    return imageFolder(directory, VocAnnotations.nextToImages(), "voc next to images", classNames);
  }
}
