package org.gradcam4j.zoo;

import org.gradcam4j.io.StrictJson;
import org.gradcam4j.model.ModelCard;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;

/**
 * The well-known ImageNet models that gradcam4j can download by name, like
 * {@code torchvision.models}. The built-in list is the resource {@code
 * org/gradcam4j/zoo/catalog.json}; every entry records where its checksum came from, so that an
 * entry can be re-checked against the publisher.
 */
public final class ModelCatalog {
  private static final String RESOURCE = "catalog.json";

  private final Map<String, CatalogEntry> entries;
  private final Map<String, LabelSet> labelSets;

  private ModelCatalog(List<CatalogEntry> entries, List<LabelSet> labelSets, String origin) {
    Map<String, LabelSet> sets = new LinkedHashMap<>();
    for (LabelSet set : labelSets) {
      if (sets.put(set.name(), set) != null) {
        throw new GradCamException(origin + ": label set '" + set.name() + "' is defined twice");
      }
    }
    Map<String, CatalogEntry> models = new LinkedHashMap<>();
    Map<String, String> cacheNames = new HashMap<>();
    for (LabelSet set : labelSets) {
      claim(cacheNames, set.file().fileName(), "label set " + set.name(), origin);
    }
    for (CatalogEntry entry : entries) {
      if (models.put(entry.name(), entry) != null) {
        throw new GradCamException(origin + ": model '" + entry.name() + "' is defined twice");
      }
      if (entry.labels() != null && !sets.containsKey(entry.labels())) {
        throw new GradCamException(origin + ": model '" + entry.name() + "' refers to label set '" + entry.labels()
            + "', which is not defined (defined: " + String.join(", ", sets.keySet()) + ")");
      }
      // Catalogue files share one cache folder, so two entries must never claim the same name.
      claim(cacheNames, entry.download().fileName(), "model " + entry.name(), origin);
      if (entry.archive() != null) {
        claim(cacheNames, entry.modelFileName(), "model " + entry.name(), origin);
      }
      claim(cacheNames, ModelCard.sidecarFor(java.nio.file.Path.of(entry.modelFileName())).toString(),
          "model card of " + entry.name(), origin);
    }
    this.entries = models;
    this.labelSets = sets;
  }

  /** The catalogue shipped with gradcam4j (read once). */
  public static ModelCatalog builtIn() {
    return BuiltIn.CATALOG;
  }

  /** A catalogue of the given entries, e.g. for a private mirror or for tests. */
  public static ModelCatalog of(List<CatalogEntry> entries, List<LabelSet> labelSets) {
    return new ModelCatalog(entries, labelSets, "catalogue");
  }

  /** Reads a catalogue in the format of the built-in {@code catalog.json}. */
  public static ModelCatalog parse(byte[] json, String origin) {
    Document doc = StrictJson.read(json, Document.class, "model catalogue " + origin);
    return new ModelCatalog(
        doc.models() == null ? List.of() : doc.models(),
        doc.labelSets() == null ? List.of() : doc.labelSets(),
        "model catalogue " + origin);
  }

  /** All entries, in catalogue order. */
  public List<CatalogEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** All label sets, in catalogue order. */
  public List<LabelSet> labelSets() {
    return List.copyOf(labelSets.values());
  }

  /** The entry called {@code name} (case does not matter). */
  public Optional<CatalogEntry> find(String name) {
    return Optional.ofNullable(entries.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The entry called {@code name}; fails with the list of known names otherwise. */
  public CatalogEntry require(String name) {
    return find(name).orElseThrow(() -> new GradCamException("Unknown model '" + name
        + "'. The catalogue knows: " + String.join(", ", entries.keySet())
        + ". To use your own model, give the path of its .onnx file instead."));
  }

  /** The label set of {@code entry}, if it has one. */
  public Optional<LabelSet> labelsOf(CatalogEntry entry) {
    return entry.labels() == null ? Optional.empty() : Optional.of(labelSets.get(entry.labels()));
  }

  private static void claim(Map<String, String> names, String fileName, String owner, String origin) {
    String previous = names.put(fileName.toLowerCase(Locale.ROOT), owner);
    if (previous != null) {
      throw new GradCamException(origin + ": " + owner + " and " + previous + " both use the cache file name '"
          + fileName + "'");
    }
  }

  /** The JSON document: a free-text note, the shared label sets and the models. */
  record Document(String note, List<LabelSet> labelSets, List<CatalogEntry> models) {}

  private static final class BuiltIn {
    static final ModelCatalog CATALOG = load();

    private static ModelCatalog load() {
      try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new GradCamException("The built-in model catalogue (resource org/gradcam4j/zoo/" + RESOURCE
              + ") is missing from the gradcam4j jar");
        }
        return parse(in.readAllBytes(), "org/gradcam4j/zoo/" + RESOURCE);
      } catch (IOException e) {
        throw new GradCamException("Cannot read the built-in model catalogue: " + e.getMessage(), e);
      }
    }
  }

  @Override
  public String toString() {
    return "ModelCatalog" + new ArrayList<>(entries.keySet());
  }
}
