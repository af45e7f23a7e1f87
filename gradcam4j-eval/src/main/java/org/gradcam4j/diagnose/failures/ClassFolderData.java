package org.gradcam4j.diagnose.failures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationImage;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;

/**
 * Labelled images in the layout most image-classification data sets use: one sub-folder per class,
 * named after the class, holding that class's PNG and JPEG images ({@code DIR/tabby/cat1.jpg}). A
 * folder name is matched against the model's labels exactly, then ignoring case; a whole number is a
 * class index. Every sub-folder must name a class and every image must sit in a sub-folder, so that no
 * image is silently left out or given the wrong class. Each image's one object is the whole image.
 */
public final class ClassFolderData implements EvaluationData {
  private record Entry(String id, Path file, String label, int classIndex) {}

  private final Path directory;
  private final List<String> classNames;
  private final List<Entry> entries = new ArrayList<>();

  /**
   * Lists and checks the folder (images are read later, one at a time).
   *
   * @param classNames the model's labels
   * @param classCount the model's number of classes (for folders named by index)
   * @throws GradCamException naming the folder or file that does not fit the layout
   */
  public ClassFolderData(Path directory, List<String> classNames, int classCount) {
    this.directory = directory;
    this.classNames = List.copyOf(classNames);
    if (!Files.isDirectory(directory)) {
      throw new GradCamException("data folder " + directory + " does not exist or is not a folder");
    }
    for (Path child : list(directory)) {
      if (Files.isDirectory(child)) {
        String label = child.getFileName().toString();
        int cls = classIndex(label, classCount);
        for (Path f : list(child)) {
          if (Files.isRegularFile(f) && isImage(f)) {
            ImageDecoder.checkReadable(f);
            entries.add(new Entry(label + "/" + f.getFileName(), f, label, cls));
          }
        }
      } else if (isImage(child)) {
        throw new GradCamException("image " + child + " is not in a class folder: --data DIR needs one sub-folder"
            + " per class, named after the class (DIR/<label>/" + child.getFileName() + ")");
      }
    }
    if (entries.isEmpty()) {
      throw new GradCamException("no .png, .jpg or .jpeg images in the class folders of " + directory
          + " (the layout is DIR/<label>/<image>)");
    }
  }

  private int classIndex(String label, int classCount) {
    try {
      int index = Integer.parseInt(label);
      if (index >= 0 && index < classCount) {
        return index;
      }
    } catch (NumberFormatException e) {
      // a label
    }
    int exact = classNames.indexOf(label);
    if (exact >= 0) {
      return exact;
    }
    for (int i = 0; i < classNames.size(); i++) {
      if (classNames.get(i).toLowerCase(Locale.ROOT).equals(label.toLowerCase(Locale.ROOT))) {
        return i;
      }
    }
    throw new GradCamException("class folder '" + label + "' in " + directory + " is not one of the model's "
        + (classNames.isEmpty() ? "labels (it has none: give --labels FILE, or name the folders by class index 0.."
            + (classCount - 1) + ")" : classNames.size() + " labels (" + preview() + ") nor a class index 0.."
            + (classCount - 1)));
  }

  private String preview() {
    List<String> first = classNames.subList(0, Math.min(5, classNames.size()));
    return String.join(", ", first) + (classNames.size() > 5 ? ", ..." : "");
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.sorted().toList();
    } catch (IOException | UncheckedIOException e) {
      throw new GradCamException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  @Override
  public int size() {
    return entries.size();
  }

  @Override
  public String id(int index) {
    return entries.get(index).id();
  }

  @Override
  public EvaluationImage load(int index) {
    Entry e = entries.get(index);
    RgbImage image = ImageDecoder.read(e.file());
    Box whole = new Box(0, 0, image.width(), image.height());
    return new EvaluationImage(e.id(), image,
        List.of(new AnnotatedObject(e.label(), e.classIndex(), whole, Optional.empty(), false)));
  }

  @Override
  public String describe() {
    return "class folders in " + directory.toAbsolutePath().normalize();
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }
}
