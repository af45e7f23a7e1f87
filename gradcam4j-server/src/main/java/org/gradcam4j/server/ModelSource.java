package org.gradcam4j.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.train.DemoModel;

/**
 * A model the server may serve: its name in URLs and how to load it. The list is fixed when the
 * server starts; requests name a model, they never give a path. Loading happens after the server
 * listens.
 *
 * <p>Resolving what a user typed (catalogue names, downloads) is the caller's business: the command
 * line passes its own resolver as {@code loader}, so the server needs no copy of it.
 */
public record ModelSource(String name, Supplier<ResolvedModel> loader) {
  public ModelSource {
    if (!isPlainName(name)) {
      throw new GradCamException("A served model needs a plain name (letters, digits, '.', '_', '-', '+'), got '"
          + name + "'");
    }
  }

  /** The built-in demo model trained on synthetic shapes. */
  public static ModelSource demo() {
    return new ModelSource(DemoModel.NAME, () -> new ResolvedModel(DemoModel.NAME, DemoModel.load(), null, DemoModel.card()));
  }

  /** An ONNX file, with its model card next to it if there is one; named after the file. */
  public static ModelSource file(Path file) {
    String n = file.getFileName().toString();
    String name = n.endsWith(".onnx") ? n.substring(0, n.length() - 5) : n;
    return new ModelSource(sanitize(name), () -> new ResolvedModel(name, OnnxModel.load(file), file, ModelCard.find(file)));
  }

  /** Every {@code *.onnx} file directly in {@code dir}, by name. */
  public static List<ModelSource> directory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GradCamException("--models-dir " + dir + " is not a folder");
    }
    List<ModelSource> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files.filter(f -> f.getFileName().toString().endsWith(".onnx") && Files.isRegularFile(f)).sorted()
          .forEach(f -> out.add(file(f)));
    } catch (IOException e) {
      throw new GradCamException("Cannot list the models in " + dir + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new GradCamException("--models-dir " + dir + " holds no .onnx files");
    }
    return out;
  }

  /** Letters, digits and {@code . _ - +}, not starting with a dot: never a path. */
  static boolean isPlainName(String s) {
    return s != null && !s.isEmpty() && s.length() <= 100 && s.charAt(0) != '.' && s.chars().allMatch(
        c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
            || c == '-' || c == '+');
  }

  /** A plain name made from any text (a file name, a catalogue name such as random:resnet50). */
  public static String sanitize(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._+-]", "-");
    while (t.startsWith(".")) {
      t = t.substring(1);
    }
    return t.isEmpty() ? "model" : t.length() > 100 ? t.substring(0, 100) : t;
  }
}
