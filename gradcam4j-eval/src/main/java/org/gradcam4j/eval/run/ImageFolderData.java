package org.gradcam4j.eval.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.GroundTruthSource;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;

/**
 * The PNG and JPEG files under a folder, with ground truth from a {@link GroundTruthSource}. Labels
 * that are whole numbers are class indices; other labels are looked up in the class names (exactly,
 * then ignoring case); a label found in neither has no class (-1).
 */
final class ImageFolderData implements EvaluationData {
  private final Path directory;
  private final GroundTruthSource truth;
  private final String truthDescription;
  private final List<String> classNames;
  private final Map<String, Integer> classByName = new HashMap<>();
  private final List<Path> files;

  ImageFolderData(Path directory, GroundTruthSource truth, String truthDescription, List<String> classNames) {
    this.directory = directory;
    this.truth = truth;
    this.truthDescription = truthDescription;
    this.classNames = List.copyOf(classNames);
    for (int i = classNames.size() - 1; i >= 0; i--) {
      classByName.put(classNames.get(i).toLowerCase(Locale.ROOT), i);
    }
    this.files = listImages(directory);
    for (Path f : files) {
      ImageDecoder.checkReadable(f);
    }
  }

  private static List<Path> listImages(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new GradCamException("image folder " + directory + " does not exist or is not a folder");
    }
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(directory)) {
      s.filter(p -> Files.isRegularFile(p) && isImage(p)).forEach(out::add);
    } catch (IOException | UncheckedIOException e) {
      throw new GradCamException("cannot list the images in " + directory + ": " + e.getMessage(), e);
    }
    out.sort((a, b) -> relative(directory, a).compareTo(relative(directory, b)));
    if (out.isEmpty()) {
      throw new GradCamException("no .png, .jpg or .jpeg images in " + directory);
    }
    return out;
  }

  private static boolean isImage(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }

  private static String relative(Path directory, Path file) {
    return directory.relativize(file).toString().replace('\\', '/');
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public String id(int index) {
    return relative(directory, files.get(index));
  }

  @Override
  public EvaluationImage load(int index) {
    Path file = files.get(index);
    RgbImage image = ImageDecoder.read(file);
    Optional<GroundTruth> found = truth.find(file);
    List<AnnotatedObject> objects = new ArrayList<>();
    if (found.isPresent()) {
      GroundTruth t = found.get();
      // A source's mask covers all its objects, so it can only be given to an object when there is one.
      Optional<Mask> mask = t.objects().size() == 1 ? t.mask() : Optional.empty();
      for (AnnotatedObject o : t.objects()) {
        objects.add(new AnnotatedObject(o.label(), classIndex(o.label()), o.box(), mask, o.difficult()));
      }
    }
    return new EvaluationImage(id(index), image, objects);
  }

  int classIndex(String label) {
    String l = label.trim();
    try {
      int index = Integer.parseInt(l);
      return index >= 0 ? index : -1;
    } catch (NumberFormatException e) {
      // a class name
    }
    int exact = classNames.indexOf(l);
    if (exact >= 0) {
      return exact;
    }
    return classByName.getOrDefault(l.toLowerCase(Locale.ROOT), -1);
  }

  @Override
  public String describe() {
    return "images in " + directory.toAbsolutePath().normalize() + ", ground truth: " + truthDescription;
  }

  @Override
  public List<String> classNames() {
    return classNames;
  }
}
