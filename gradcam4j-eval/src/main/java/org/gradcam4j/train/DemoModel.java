package org.gradcam4j.train;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.model.ModelCard;

/**
 * The built-in demo model: {@link ShapesCnn} trained by {@link DemoTrainer} with
 * {@link DemoTrainer.Settings#recipe()} on the synthetic shapes, shipped inside the jar with its
 * model card (pre-processing, class names, target layer), so a fresh machine can explain images
 * without downloading anything. Rebuild it with {@code gradcam4j train-demo}.
 */
public final class DemoModel {
  /** The name that selects it wherever a model is expected. */
  public static final String NAME = "demo";
  static final String RESOURCE = "/org/gradcam4j/demo/shapes-cnn.onnx";
  static final String CARD = "/org/gradcam4j/demo/shapes-cnn.json";

  private DemoModel() {}

  public static OnnxModel load() {
    return OnnxModel.fromBytes(read(RESOURCE), "built-in demo model");
  }

  public static Optional<ModelCard> card() {
    return Optional.of(ModelCard.parse(read(CARD), "built-in demo model card"));
  }

  private static byte[] read(String resource) {
    try (InputStream in = DemoModel.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GradCamException("The built-in demo model is missing from this build (" + resource
            + "); create it with 'gradcam4j train-demo'");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new GradCamException("Cannot read the built-in demo model: " + e.getMessage(), e);
    }
  }
}
