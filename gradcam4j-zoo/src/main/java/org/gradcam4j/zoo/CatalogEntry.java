package org.gradcam4j.zoo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.PreprocessingSpec;

/**
 * One well-known model of the {@link ModelCatalog}: where to download it, how to verify it, and
 * what gradcam4j needs to know to explain it.
 *
 * @param name the short name users type ({@code resnet50})
 * @param description one line about the model (architecture, weights, accuracy)
 * @param download the file to fetch: the ONNX model itself or, with {@link #archive}, an archive holding it
 * @param archive how to get the model out of {@code download}, or null when it is the model
 * @param modelFileName the model's name in the cache; defaults to {@code download.fileName}
 * @param labels the name of a {@link LabelSet} of the catalogue, or null
 * @param preprocessing what the model expects as input (a preset and/or explicit values)
 * @param input the input tensor as documented by the publisher
 * @param output the output tensor as documented by the publisher
 * @param defaultLayer the tensor to explain, or {@code "auto"} when no name was verified
 * @param scoreTensor the tensor with the class scores before any softmax, or {@code "auto"}
 * @param limitations what gradcam4j cannot handle yet for this model (empty when it can be used)
 * @param source where the pre-processing, tensor names and accuracy were taken from
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogEntry(
    String name,
    String description,
    RemoteFile download,
    Archive archive,
    String modelFileName,
    String labels,
    PreprocessingSpec preprocessing,
    Input input,
    Output output,
    String defaultLayer,
    String scoreTensor,
    List<String> limitations,
    String source) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

  public CatalogEntry {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("model name must be lower-case letters, digits, '.', '_' or '-', not '"
          + name + "'");
    }
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(name + ": description is missing");
    }
    if (download == null) {
      throw new IllegalArgumentException(name + ": download is missing");
    }
    if (archive != null) {
      if (modelFileName == null) {
        throw new IllegalArgumentException(name + ": modelFileName is required when the model comes in an archive");
      }
      if (modelFileName.equals(download.fileName())) {
        throw new IllegalArgumentException(name + ": modelFileName must differ from the archive's file name");
      }
    } else if (modelFileName == null) {
      modelFileName = download.fileName();
    } else if (!modelFileName.equals(download.fileName())) {
      throw new IllegalArgumentException(name + ": modelFileName differs from download.fileName but no archive is given");
    }
    if (!modelFileName.toLowerCase(Locale.ROOT).endsWith(".onnx") || modelFileName.contains("/")
        || modelFileName.contains("\\") || modelFileName.startsWith(".")) {
      throw new IllegalArgumentException(name + ": modelFileName must be a plain file name ending in .onnx, not '"
          + modelFileName + "'");
    }
    if (preprocessing == null) {
      throw new IllegalArgumentException(name + ": preprocessing is missing (give a preset or explicit values)");
    }
    if (preprocessing.preset() == null && !preprocessing.isExplicit()) {
      throw new IllegalArgumentException(name + ": preprocessing needs a preset or every value given explicitly");
    }
    defaultLayer = defaultLayer == null ? ModelCard.AUTO : defaultLayer;
    scoreTensor = scoreTensor == null ? ModelCard.AUTO : scoreTensor;
    limitations = limitations == null ? List.of() : List.copyOf(limitations);
    if (source == null || source.isBlank()) {
      throw new IllegalArgumentException(name + ": source must say where the model's details were taken from");
    }
  }

  /** True when gradcam4j can explain this model today (no {@link #limitations}). */
  @JsonIgnore
  public boolean isSupported() {
    return limitations.isEmpty();
  }

  /**
   * The model card for the downloaded model, so that a model from the catalogue carries its
   * pre-processing, labels, layer and score tensor like a user's own model.
   *
   * @param labelsFile the label file's path relative to the card, or null when there are no labels
   */
  public ModelCard toModelCard(String labelsFile) {
    return new ModelCard(description, preprocessing, labelsFile == null ? null : ModelCard.Labels.file(labelsFile),
        defaultLayer, scoreTensor);
  }

  /**
   * How to take the model out of the downloaded archive.
   *
   * @param format the archive format; only {@code "tar.gz"} is supported
   * @param member the path of the model inside the archive, or null for "the only {@code .onnx}
   *     file in it" (used when the publisher does not document the archive's layout)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Archive(String format, String member) {
    public static final String TAR_GZ = "tar.gz";

    public Archive {
      if (!TAR_GZ.equals(format)) {
        throw new IllegalArgumentException("archive format must be \"" + TAR_GZ + "\", not \"" + format + "\"");
      }
    }
  }

  /**
   * The input tensor as the publisher documents it.
   *
   * @param name the tensor name, or null when the publisher does not state it (read it from the model)
   * @param shape the dimensions; -1 marks a free (batch) dimension
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Input(String name, List<Long> shape) {
    public Input {
      if (shape == null || shape.isEmpty()) {
        throw new IllegalArgumentException("input shape is missing");
      }
      shape = List.copyOf(shape);
    }
  }

  /**
   * The output tensor as the publisher documents it.
   *
   * @param name the tensor name, or null when the publisher does not state it
   * @param shape the dimensions; -1 marks a free (batch) dimension
   * @param kind {@code "logits"} (raw class scores) or {@code "probabilities"} (the graph ends in a
   *     softmax, so the scores to explain are the softmax's input)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Output(String name, List<Long> shape, String kind) {
    public static final String LOGITS = "logits";
    public static final String PROBABILITIES = "probabilities";

    public Output {
      if (!LOGITS.equals(kind) && !PROBABILITIES.equals(kind)) {
        throw new IllegalArgumentException("output kind must be \"logits\" or \"probabilities\", not \"" + kind + "\"");
      }
      shape = shape == null ? null : List.copyOf(shape);
    }
  }
}
