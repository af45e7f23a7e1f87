package org.gradcam4j.diagnose.bias;

import java.io.IOException;
import java.io.InputStream;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.OnnxModel;

/**
 * The two study models trained with {@link BiasStudy.Settings#recipe()}, shipped in the jar next to
 * the demo model (about 70 KB each), so {@code gradcam4j bias} shows the result without training.
 * {@code gradcam4j bias --train} makes them again.
 */
public final class BiasModels {
  private BiasModels() {}

  /** The resource holding the named model ({@link BiasStudy#BIASED} or {@link BiasStudy#BALANCED}). */
  static String resource(String model) {
    return "/org/gradcam4j/demo/bias-" + model + ".onnx";
  }

  /** The shipped model of that name. */
  public static OnnxModel load(String model) {
    String resource = resource(model);
    try (InputStream in = BiasModels.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new GradCamException("The " + model + " model of the bias study is missing from this build ("
            + resource + "); train it with 'gradcam4j bias --train'");
      }
      return OnnxModel.fromBytes(in.readAllBytes(), "bias study " + model + " model");
    } catch (IOException e) {
      throw new GradCamException("Cannot read the bias study's " + model + " model: " + e.getMessage(), e);
    }
  }
}
