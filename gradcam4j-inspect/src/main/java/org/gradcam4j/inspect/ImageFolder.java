package org.gradcam4j.inspect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;

/**
 * The images of a folder (PNG and JPEG, in name order), read in batches and pre-processed for a
 * model. A file that cannot be decoded is skipped and remembered, never fatal: a data set of
 * thousands of images should not stop at one broken file, and the caller lists the skipped ones.
 */
public final class ImageFolder {
  /** A batch: the files it holds (in order), their pre-processed images and the model input [N, 3, H, W]. */
  public record Batch(List<Path> files, List<RgbImage> images, FloatTensor input) {}

  /** A file that was skipped, and why. */
  public record Skipped(Path file, String reason) {}

  private final Path folder;
  private final List<Path> files;
  private final List<Skipped> skipped = Collections.synchronizedList(new ArrayList<>());

  private ImageFolder(Path folder, List<Path> files) {
    this.folder = folder;
    this.files = List.copyOf(files);
  }

  /** Lists a folder's images; an error names the folder when it is missing or holds none. */
  public static ImageFolder of(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new GradCamException("Image folder " + folder + " does not exist or is not a folder");
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.list(folder)) {
      s.filter(p -> Files.isRegularFile(p) && isImageName(p)).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new GradCamException("Cannot list image folder " + folder + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new GradCamException("No .png, .jpg or .jpeg images in " + folder);
    }
    return new ImageFolder(folder, files);
  }

  /** The given files as a folder-like set (for a list of images named one by one). */
  public static ImageFolder ofFiles(List<Path> files) {
    if (files.isEmpty()) {
      throw new GradCamException("No images given");
    }
    return new ImageFolder(null, files);
  }

  /** Whether a file name ends in .png, .jpg or .jpeg (any case). */
  public static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  /** The folder, or {@code null} for a list of files. */
  public Path folder() {
    return folder;
  }

  /** Every image file, readable or not, in name order. */
  public List<Path> files() {
    return files;
  }

  public int size() {
    return files.size();
  }

  /**
   * Reads and pre-processes files {@code [from, to)}; files that do not decode are left out of the
   * batch and added to {@link #skipped()}. The batch may therefore hold fewer images, or none.
   */
  public Batch read(int from, int to, Preprocessing preprocessing) {
    List<Path> ok = new ArrayList<>();
    List<RgbImage> images = new ArrayList<>();
    for (Path f : files.subList(from, to)) {
      try {
        images.add(preprocessing.resizeAndCrop(ImageDecoder.read(f)));
        ok.add(f);
      } catch (GradCamException e) {
        skipped.add(new Skipped(f, e.getMessage()));
      }
    }
    return new Batch(ok, images, images.isEmpty() ? null : stack(images, preprocessing));
  }

  /** The already resized and cropped images, normalised and stacked into [N, 3, H, W]. */
  private static FloatTensor stack(List<RgbImage> images, Preprocessing preprocessing) {
    List<FloatTensor> items = new ArrayList<>(images.size());
    for (RgbImage image : images) {
      items.add(preprocessing.normalize(image));
    }
    return FloatTensor.stack(items);
  }

  /** The files skipped so far, with the reason for each. */
  public List<Skipped> skipped() {
    synchronized (skipped) {
      return List.copyOf(skipped);
    }
  }
}
