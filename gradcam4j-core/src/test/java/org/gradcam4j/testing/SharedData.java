package org.gradcam4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The test data kept outside the repository, in {@code ../shared} next to the checkout: real
 * pretrained models, photos and reference maps computed with the Python libraries. They may not be
 * redistributed, so they are never copied into the project. Tests that need them call
 * {@link #root()}, which skips the test (with a message saying why) only when the folder is absent.
 */
public final class SharedData {
  private SharedData() {}

  /** The shared folder; skips the calling test when it does not exist. */
  public static Path root() {
    String configured = System.getProperty("gradcam4j.shared");
    Path p = configured != null ? Path.of(configured) : Path.of("..", "shared");
    assumeTrue(Files.isDirectory(p.resolve("models")),
        "needs the shared test data (real models, photos, reference maps) in " + p.toAbsolutePath().normalize()
            + "; it is not part of the repository");
    return p;
  }

  public static Path model(String file) {
    return root().resolve("models").resolve(file);
  }

  public static Path image(String file) {
    return root().resolve("images").resolve(file);
  }

  public static Path reference(String relative) {
    return root().resolve("reference").resolve(relative);
  }

  public static final String SQUEEZENET = "squeezenet1.1-caffe2-fp32.onnx";
  public static final String MOBILENET_V2 = "mobilenetv2-1.0-fp32-dequantized.onnx";
  public static final String MOBILENET_V1 = "mobilenet_v1_0.25_224-keras-fp32.onnx";
}
