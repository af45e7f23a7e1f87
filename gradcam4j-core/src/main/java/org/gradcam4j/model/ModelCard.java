package org.gradcam4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.StrictJson;

/**
 * What gradcam4j needs to know about a model beyond the ONNX file itself, kept in a small JSON
 * "model card" next to it so that it is written once instead of on every command line.
 *
 * <p><b>Name rule:</b> the card of {@code <name>.onnx} is {@code <name>.json} in the same folder
 * ({@code resnet50.onnx} &rarr; {@code resnet50.json}); for a model file without the {@code .onnx}
 * extension, {@code .json} is appended to the whole name ({@code model.bin} &rarr; {@code
 * model.bin.json}).
 *
 * <p>Every field is optional:
 *
 * <pre>{@code
 * {
 *   "description": "ResNet-50 fine-tuned on our defects",
 *   "preprocessing": { "preset": "imagenet", "resize": 256, "crop": 224 },
 *   "labels": "classes.txt",               // a path relative to the card, or ["ok", "scratch", ...]
 *   "defaultLayer": "resnetv17_stage4__plus0",
 *   "scoreTensor": "auto"
 * }
 * }</pre>
 *
 * A field the card format does not know is an error that names the field and the file, so that a
 * misspelt field does not silently fall back to a default. {@code "auto"} (or no value) for the
 * layer and the score tensor lets gradcam4j choose.
 *
 * @param description free text shown to the user
 * @param preprocessing how to turn an image into the input tensor
 * @param labels the class names: a label file or an inline list
 * @param defaultLayer the tensor whose activations are explained, or {@code "auto"}
 * @param scoreTensor the tensor holding the class scores (before any softmax), or {@code "auto"}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"description", "preprocessing", "labels", "defaultLayer", "scoreTensor"})
public record ModelCard(
    String description,
    PreprocessingSpec preprocessing,
    Labels labels,
    String defaultLayer,
    String scoreTensor) {

  /** The value of {@link #defaultLayer} and {@link #scoreTensor} that leaves the choice to gradcam4j. */
  public static final String AUTO = "auto";

  public ModelCard {
    requireNonBlankIfGiven("defaultLayer", defaultLayer);
    requireNonBlankIfGiven("scoreTensor", scoreTensor);
  }

  /** The card file that belongs to {@code onnxFile}, whether it exists or not (see the name rule). */
  public static Path sidecarFor(Path onnxFile) {
    String name = onnxFile.getFileName().toString();
    String base = name.toLowerCase(Locale.ROOT).endsWith(".onnx") ? name.substring(0, name.length() - 5) : name;
    return onnxFile.resolveSibling(base + ".json");
  }

  /** The card next to {@code onnxFile}, if there is one. */
  public static Optional<ModelCard> find(Path onnxFile) {
    Path card = sidecarFor(onnxFile);
    return Files.isRegularFile(card) ? Optional.of(read(card)) : Optional.empty();
  }

  /** Reads and checks a card file. */
  public static ModelCard read(Path cardFile) {
    byte[] json;
    try {
      json = Files.readAllBytes(cardFile);
    } catch (NoSuchFileException e) {
      throw new GradCamException("Model card " + cardFile + " does not exist", e);
    } catch (IOException e) {
      throw new GradCamException("Cannot read model card " + cardFile + ": " + e.getMessage(), e);
    }
    return parse(json, cardFile.toString());
  }

  /** Parses card JSON; {@code origin} names the source in error messages. */
  public static ModelCard parse(byte[] json, String origin) {
    return StrictJson.read(json, ModelCard.class, "model card " + origin);
  }

  /** Writes the card atomically (a reader never sees half a file). */
  public void write(Path cardFile) {
    AtomicFiles.write(cardFile, toJson());
  }

  /** The card as pretty-printed UTF-8 JSON; fields without a value are left out. */
  public byte[] toJson() {
    return StrictJson.write(this);
  }

  /** The layer named by the card, empty when it leaves the choice to gradcam4j. */
  public Optional<String> defaultLayerName() {
    return explicit(defaultLayer);
  }

  /** The score tensor named by the card, empty when it leaves the choice to gradcam4j. */
  public Optional<String> scoreTensorName() {
    return explicit(scoreTensor);
  }

  /**
   * The class names: the inline list, or the label file read with {@link ClassLabels} (a relative
   * path is taken relative to the folder of {@code cardFile}). Empty when the card names none.
   */
  public Optional<List<String>> loadLabels(Path cardFile) {
    if (labels == null) {
      return Optional.empty();
    }
    if (labels.names() != null) {
      return Optional.of(labels.names());
    }
    Path dir = cardFile.toAbsolutePath().getParent();
    return Optional.of(ClassLabels.load(dir.resolve(labels.file())));
  }

  private static Optional<String> explicit(String value) {
    return value == null || value.equalsIgnoreCase(AUTO) ? Optional.empty() : Optional.of(value);
  }

  private static void requireNonBlankIfGiven(String field, String value) {
    if (value != null && value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank; leave it out or write \"auto\" to let gradcam4j choose");
    }
  }

  /**
   * The class names of a card: either a label file (in JSON, a string) or the names themselves
   * (in JSON, a list of strings). Exactly one of the two is set.
   *
   * @param file path of a label file, relative to the card or absolute
   * @param names the class names, index = position
   */
  public record Labels(String file, List<String> names) {
    public Labels {
      if ((file == null) == (names == null)) {
        throw new IllegalArgumentException("labels must be either a label file or a list of names");
      }
      if (file != null && file.isBlank()) {
        throw new IllegalArgumentException("labels file name is blank");
      }
      if (names != null) {
        if (names.isEmpty()) {
          throw new IllegalArgumentException("labels list is empty");
        }
        for (int i = 0; i < names.size(); i++) {
          if (names.get(i) == null || names.get(i).isBlank()) {
            throw new IllegalArgumentException("labels[" + i + "] is empty; every class needs a name");
          }
        }
        names = List.copyOf(names);
      }
    }

    public static Labels file(String path) {
      return new Labels(path, null);
    }

    public static Labels inline(List<String> names) {
      return new Labels(null, names);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Labels fromJson(JsonNode node) {
      if (node.isTextual()) {
        return file(node.textValue());
      }
      if (node.isArray()) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : node) {
          if (!item.isTextual()) {
            throw new IllegalArgumentException("labels list must hold only strings, found " + item.getNodeType()
                + " at index " + names.size());
          }
          names.add(item.textValue());
        }
        return inline(names);
      }
      throw new IllegalArgumentException("labels must be a file path (a string) or a list of names, not "
          + node.getNodeType());
    }

    @JsonValue
    Object toJson() {
      return file != null ? file : names;
    }
  }
}
