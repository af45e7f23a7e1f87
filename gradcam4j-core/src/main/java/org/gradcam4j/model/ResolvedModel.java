package org.gradcam4j.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.onnx.OnnxModel;

/**
 * A model found from what the user named (the command line's {@code ModelResolver}), with what its
 * card says about it.
 *
 * @param name how the user named it (file path, catalogue name, ...)
 * @param model the loaded model
 * @param file the ONNX file, or {@code null} for models built in memory
 * @param card the model card, if there is one
 */
public record ResolvedModel(String name, OnnxModel model, Path file, Optional<ModelCard> card) {
  /** File names searched next to the model for class names, after {@code <stem>.labels.txt}. */
  public static final List<String> LABEL_FILES = List.of("labels.txt", "classes.txt", "synset.txt", "imagenet_classes.txt");

  /**
   * The model's name for titles and captions: the file name without its folders (a path says where
   * the model lies, not what it is), or the name the user gave for a model without a file.
   */
  public String displayName() {
    return file != null ? file.getFileName().toString() : name;
  }

  /** The card's pre-processing, if it gives one. */
  public Optional<Preprocessing> preprocessing() {
    return card.map(ModelCard::preprocessing).map(PreprocessingSpec::toPreprocessing);
  }

  /** The card's score tensor, if it names one. */
  public Optional<String> scoreTensor() {
    return card.flatMap(ModelCard::scoreTensorName);
  }

  /** The card's default layer, if it names one. */
  public List<String> layers() {
    return card.flatMap(ModelCard::defaultLayerName).map(List::of).orElse(List.of());
  }

  /**
   * The class names: from {@code explicit} if given, else from the card, else from a labels file next
   * to the model ({@code <stem>.labels.txt}, then {@link #LABEL_FILES}); empty when none is found.
   */
  public List<String> labels(Path explicit) {
    if (explicit != null) {
      return ClassLabels.load(explicit);
    }
    if (card.isPresent() && card.get().labels() != null && card.get().labels().names() != null) {
      return card.get().labels().names();
    }
    if (file == null) {
      return List.of();
    }
    if (card.isPresent()) {
      Optional<List<String>> fromCard = card.get().loadLabels(ModelCard.sidecarFor(file));
      if (fromCard.isPresent()) {
        return fromCard.get();
      }
    }
    Path dir = file.toAbsolutePath().getParent();
    String stem = file.getFileName().toString().replaceFirst("\\.onnx$", "");
    List<Path> candidates = new ArrayList<>();
    candidates.add(dir.resolve(stem + ".labels.txt"));
    LABEL_FILES.forEach(n -> candidates.add(dir.resolve(n)));
    for (Path c : candidates) {
      if (Files.isRegularFile(c)) {
        return ClassLabels.load(c);
      }
    }
    return List.of();
  }
}
