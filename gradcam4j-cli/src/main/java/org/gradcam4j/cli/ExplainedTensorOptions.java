package org.gradcam4j.cli;

import java.util.List;
import picocli.CommandLine.Option;

/**
 * Which tensors the maps are about: the target layer, whose activations the layer methods weigh, and
 * the score tensor whose class is explained. Shared by the verbs that honour the model card's choice
 * of both when the user names neither (explain, evaluate).
 */
final class ExplainedTensorOptions {
  @Option(names = "--layer", paramLabel = "NAME", split = ",",
      description = "Target layer: a tensor or node name; several (comma-separated) are fused"
          + " (default: the last convolutional activation before pooling; for a vision transformer the"
          + " normalisation before its last attention block). Token tensors of ViT/DeiT/Swin are laid out"
          + " on the patch grid, class tokens dropped.")
  List<String> layers;

  @Option(names = "--output", paramLabel = "NAME",
      description = "Tensor to explain (default: the model's output, or its input when that output is a Softmax).")
  String output;

  /** The layers given, else the model card's (empty when it names none: the explainer then picks one). */
  List<String> layers(ModelOptions.CardDefaults card) {
    return layers != null ? layers : card.layers();
  }

  /** The score tensor given, else the model card's ({@code null} when it names none: the explainer's default). */
  String scoreTensor(ModelOptions.CardDefaults card) {
    return output != null ? output : card.scoreTensor();
  }
}
