package org.gradcam4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.gradcam4j.bench.SyntheticModels;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.train.DemoModel;
import org.gradcam4j.zoo.CatalogEntry;
import org.gradcam4j.zoo.ModelCache;
import org.gradcam4j.zoo.ModelCatalog;
import org.gradcam4j.zoo.ProgressListener;

/**
 * Turns what a user typed after {@code --model} into a model: an ONNX file (with the model card next
 * to it, if any), a catalogue name such as {@code resnet50} (downloaded once into the cache),
 * {@code demo} (the built-in model trained on the synthetic shapes) or {@code random:resnet50}
 * (random weights, for speed tests).
 *
 * <p>The order of the checks decides what a name means: the reserved names first, then an existing
 * file or anything that looks like a path (so that a mistyped file is reported as a missing file, not
 * as an unknown catalogue name), and the catalogue last.
 */
public final class ModelResolver {
  private ModelResolver() {}

  /**
   * The model that {@code argument} names.
   *
   * @param argument what the user typed after {@code --model}
   * @param progress hears the download when a catalogue model is not in the cache yet
   * @throws GradCamException naming the argument when it is neither a file nor a known name, or when
   *     the catalogue model cannot be explained
   */
  public static ResolvedModel resolve(String argument, ProgressListener progress) {
    if (argument.equals(DemoModel.NAME)) {
      return new ResolvedModel(argument, DemoModel.load(), null, DemoModel.card());
    }
    if (SyntheticModels.isSynthetic(argument)) {
      return new ResolvedModel(argument, SyntheticModels.byName(argument), null, Optional.empty());
    }
    Path file = Path.of(argument);
    if (Files.exists(file) || looksLikeAPath(argument)) {
      return fromFile(argument, file);
    }
    ModelCatalog catalog = ModelCatalog.builtIn();
    if (catalog.find(argument).isEmpty()) {
      throw new GradCamException("No model file '" + argument + "', and no model of that name in the catalogue"
          + " (known names: " + String.join(", ", catalog.entries().stream().map(CatalogEntry::name).toList())
          + ", the built-in 'demo', and random:resnet50 / random:resnet18)");
    }
    CatalogEntry entry = catalog.require(argument);
    if (!entry.isSupported()) {
      throw new GradCamException("The catalogue model '" + argument + "' cannot be explained yet: " + String.join("; ", entry.limitations()));
    }
    Path downloaded = ModelCache.openDefault().resolve(entry, progress);
    return fromFile(argument, downloaded);
  }

  /** Loads an ONNX file with the model card next to it, if there is one. */
  public static ResolvedModel fromFile(String name, Path file) {
    return new ResolvedModel(name, OnnxModel.load(file), file, ModelCard.find(file));
  }

  private static boolean looksLikeAPath(String s) {
    return s.endsWith(".onnx") || s.contains("/") || s.contains("\\");
  }
}
