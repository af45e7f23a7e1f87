package org.gradcam4j.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.GradCamException;

/** Finds and reads the class names of a model. */
final class LabelFiles {
  /** File names looked for next to the model, after {@code <model stem>.labels.txt}. */
  static final List<String> NEIGHBOURS = List.of("labels.txt", "classes.txt", "synset.txt", "imagenet_classes.txt");

  private LabelFiles() {}

  /**
   * The labels from {@code explicit} if given, else from a labels file next to the model, else an
   * empty list (outputs then show class indices only).
   */
  static List<String> find(Path explicit, Path modelFile) {
    if (explicit != null) {
      return read(explicit);
    }
    if (modelFile == null || modelFile.toAbsolutePath().getParent() == null) {
      return List.of();
    }
    Path dir = modelFile.toAbsolutePath().getParent();
    String name = modelFile.getFileName().toString();
    String stem = name.endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir.resolve(stem + ".labels.txt"));
    NEIGHBOURS.forEach(n -> candidates.add(dir.resolve(n)));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return read(c);
      }
    }
    return List.of();
  }

  /** One label per line; synset lines ("n01440764 tench, Tinca tinca") give their first name. */
  static List<String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GradCamException("Cannot read labels file " + file + ": " + e.getMessage(), e);
    }
    List<String> labels = new ArrayList<>();
    for (String line : lines) {
      String l = line.strip();
      if (l.matches("n\\d{8} .*")) {
        l = l.substring(10);
        int comma = l.indexOf(',');
        l = comma >= 0 ? l.substring(0, comma) : l;
      }
      labels.add(l);
    }
    while (!labels.isEmpty() && labels.get(labels.size() - 1).isEmpty()) {
      labels.remove(labels.size() - 1);
    }
    return labels;
  }
}
