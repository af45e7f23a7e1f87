package org.gradcam4j.inspect.concepts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.inspect.ImageFolder;

/**
 * Where the random images come from: one folder of images (a pool: the baseline's random concept is one
 * fixed random draw from it, and every repeat draws its random set from the other images), or a folder whose sub-folders are the random sets (the first is the random "concept" of
 * the baseline; each repeat uses one of the others, as in the TCAV paper's random500_i folders).
 *
 * @param pool the pool, or {@code null}
 * @param sets the sets, or empty
 */
public record RandomImages(ImageFolder pool, List<ImageFolder> sets) {
  /** A folder that holds images is a pool; one that holds none is read as sub-folders of images. */
  public static RandomImages of(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GradCamException("Random image folder " + dir + " does not exist or is not a folder");
    }
    List<Path> subfolders = new ArrayList<>();
    boolean hasImages;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> entries = s.sorted().toList();
      hasImages = entries.stream().anyMatch(p -> Files.isRegularFile(p) && ImageFolder.isImageName(p));
      entries.stream().filter(Files::isDirectory).forEach(subfolders::add);
    } catch (IOException e) {
      throw new GradCamException("Cannot list random image folder " + dir + ": " + e.getMessage(), e);
    }
    if (hasImages) {
      return new RandomImages(ImageFolder.of(dir), List.of());
    }
    if (subfolders.size() < 2) {
      throw new GradCamException("Random image folder " + dir + " holds no images and " + subfolders.size()
          + " sub-folders: give a folder of random images, or a folder of at least two folders of them");
    }
    List<ImageFolder> sets = new ArrayList<>();
    for (Path sub : subfolders) {
      sets.add(ImageFolder.of(sub));
    }
    return new RandomImages(null, sets);
  }

  public boolean isPool() {
    return pool != null;
  }

  /** The most repeats these images allow: unbounded for a pool, one per set after the first. */
  public int maxRepeats() {
    return isPool() ? Integer.MAX_VALUE : sets.size() - 1;
  }

  public String describe() {
    return isPool() ? "a pool of " + pool.size() + " images in " + pool.folder()
        : sets.size() + " folders in " + sets.get(0).folder().getParent();
  }
}
