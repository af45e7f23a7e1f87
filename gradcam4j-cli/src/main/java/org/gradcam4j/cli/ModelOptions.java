package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.gradcam4j.Explainer;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.Device;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** How a command finds its model; shared by every verb. */
final class ModelOptions {
  /** The command this is mixed into: download progress goes to its standard error. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = {"-m", "--model"}, defaultValue = "demo", paramLabel = "FILE|NAME",
      description = "The ONNX model: a file (a model card <name>.json next to it is honoured), a catalogue name"
          + " (resnet50, vgg16, mobilenetv2, squeezenet1.1, densenet121, googlenet, ...; downloaded once into"
          + " ~/.cache/gradcam4j or $GRADCAM4J_CACHE), random:resnet50 / random:resnet18 (random weights, for"
          + " speed tests), or demo: the built-in model trained on synthetic shapes (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
      description = "ONNX Runtime intra-op threads (default: one per physical core).")
  int threads;

  @Option(names = "--device", paramLabel = "cpu|cuda[:N]", defaultValue = "cpu",
      description = "Where ONNX Runtime runs the model: cpu, or an NVIDIA GPU through the CUDA execution provider"
          + " (needs the onnxruntime_gpu build; see docs/gpu.md) (default: ${DEFAULT-VALUE}).")
  String device;

  private ResolvedModel resolved;

  ResolvedModel resolved() {
    if (resolved == null) {
      resolved = ModelResolver.resolve(model, ProgressBar.forStderr(command.commandLine().getErr()));
    }
    return resolved;
  }

  /** The model file, or {@code null} for a synthetic model. */
  Path modelPath() {
    return resolved().file();
  }

  /** What the model's card says (empty values when it has none). */
  record CardDefaults(Optional<Preprocessing> preprocessing, String scoreTensor, List<String> layers) {}

  CardDefaults card() {
    ResolvedModel r = resolved();
    return new CardDefaults(r.preprocessing(), r.scoreTensor().orElse(null), r.layers());
  }

  /** Class names: from {@code explicit}, else the card's, else a labels file next to the model. */
  List<String> labels(Path explicit) {
    return resolved().labels(explicit);
  }

  Explainer explainer() {
    return explainer(UnaryOperator.identity());
  }

  /** An explainer of the model after {@code adapt} (for example with its non-image inputs bound). */
  Explainer explainer(UnaryOperator<OnnxModel> adapt) {
    return Explainer.of(adapt.apply(resolved().model()), threads, Device.parse(device));
  }
}
