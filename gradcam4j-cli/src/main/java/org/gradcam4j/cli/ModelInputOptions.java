package org.gradcam4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.InputBinding;
import org.gradcam4j.onnx.OnnxModel;
import picocli.CommandLine.Option;

/** The inputs of a model besides the image (a question, a size, a mask): fixed to values from files. */
final class ModelInputOptions {
  @Option(names = "--input", paramLabel = "NAME=FILE",
      description = "A value for a non-image input of the model: a .npy file or a .json (nested) array; repeat for"
          + " several inputs. A first dimension of 1 is repeated for every image of a batch.")
  Map<String, Path> values;

  @Option(names = "--image-input", paramLabel = "NAME",
      description = "The image input, when the model has several inputs (default: the one left without --input).")
  String imageInput;

  /** The model with the given inputs fixed to their values (unchanged when none are given). */
  OnnxModel bind(OnnxModel model) {
    if ((values == null || values.isEmpty()) && imageInput == null) {
      return model;
    }
    Map<String, InputBinding.Value> bound = new LinkedHashMap<>();
    if (values != null) {
      values.forEach((name, file) -> bound.put(name, read(name, file)));
    }
    return model.withProto(InputBinding.bind(model.proto(), bound, imageInput));
  }

  private static InputBinding.Value read(String name, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new GradCamException("--input " + name + "=" + file + ": no such file");
    }
    String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (n.endsWith(".npy")) {
      Npy.Array a = Npy.read(file);
      return new InputBinding.Value(a.shape(), a.data());
    }
    if (n.endsWith(".json")) {
      try {
        return fromJson(new ObjectMapper().readTree(file.toFile()), file);
      } catch (IOException e) {
        throw new GradCamException("--input " + name + "=" + file + " is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
      }
    }
    throw new GradCamException("--input " + name + "=" + file + ": give a .npy file or a .json array");
  }

  /** A nested JSON array of numbers, rectangular; its nesting gives the shape. */
  static InputBinding.Value fromJson(JsonNode root, Path file) {
    List<Long> shape = new ArrayList<>();
    for (JsonNode n = root; n.isArray(); n = n.size() > 0 ? n.get(0) : null) {
      shape.add((long) n.size());
      if (n.size() == 0) {
        break;
      }
    }
    if (shape.isEmpty()) {
      throw new GradCamException(file + " must hold a (nested) array of numbers");
    }
    long[] dims = shape.stream().mapToLong(Long::longValue).toArray();
    List<Float> values = new ArrayList<>();
    flatten(root, 0, dims, values, file);
    float[] data = new float[values.size()];
    for (int i = 0; i < data.length; i++) {
      data[i] = values.get(i);
    }
    return new InputBinding.Value(dims, data);
  }

  private static void flatten(JsonNode n, int depth, long[] dims, List<Float> out, Path file) {
    if (depth == dims.length) {
      if (!n.isNumber()) {
        throw new GradCamException(file + ": '" + n + "' is not a number");
      }
      out.add(n.floatValue());
      return;
    }
    if (!n.isArray() || n.size() != dims[depth]) {
      throw new GradCamException(file + " is not a rectangular array: expected " + dims[depth] + " entries at depth "
          + depth + ", got " + n);
    }
    for (JsonNode child : n) {
      flatten(child, depth + 1, dims, out, file);
    }
  }
}
