package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.bench.SyntheticModels;
import org.gradcam4j.onnx.OnnxModel;
import picocli.CommandLine.Option;

/** How a command finds its model; shared by every verb. */
final class ModelOptions {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE|NAME",
      description = "The ONNX model: a file, or random:resnet50 / random:resnet18 (random weights, for speed tests).")
  String model;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "ONNX Runtime intra-op threads (default: one per physical core).")
  int threads;

  OnnxModel load() {
    if (SyntheticModels.isSynthetic(model)) {
      return SyntheticModels.byName(model);
    }
    return OnnxModel.load(Path.of(model));
  }

  /** The model file, or {@code null} for a synthetic model. */
  Path modelPath() {
    return SyntheticModels.isSynthetic(model) ? null : Path.of(model);
  }

  /** What the model's card says (nothing yet for synthetic models or models without a card). */
  record CardDefaults(String preset, String scoreTensor, List<String> layers) {}

  CardDefaults card() {
    return new CardDefaults(null, null, List.of());
  }

  /** Class names: from {@code explicit}, else from a labels file next to the model. */
  List<String> labels(Path explicit) {
    return LabelFiles.find(explicit, modelPath());
  }

  Explainer explainer() {
    return Explainer.of(load(), threads);
  }
}
