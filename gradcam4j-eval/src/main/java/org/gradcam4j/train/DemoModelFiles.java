package org.gradcam4j.train;

import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.PreprocessingSpec;

/** Writes a trained demo model with the model card that describes it. */
public final class DemoModelFiles {
  private DemoModelFiles() {}

  public static List<String> classNames() {
    return new SyntheticDataset(0, ShapesCnn.SIZE).classNames();
  }

  /** The card: 64x64 input in the inception range, class names inline, target layer "features". */
  public static ModelCard card() {
    return new ModelCard("Built-in gradcam4j demo: a small CNN trained on synthetic shapes (gradcam4j train-demo)",
        new PreprocessingSpec("inception", ShapesCnn.SIZE, ShapesCnn.SIZE, null, null, null, null, null),
        ModelCard.Labels.inline(classNames()), ShapesCnn.FEATURES, ShapesCnn.LOGITS);
  }

  public static void write(OnnxModel model, Path file) {
    model.save(file);
    card().write(ModelCard.sidecarFor(file));
  }
}
