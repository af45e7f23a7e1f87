package org.gradcam4j.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;
import org.junit.jupiter.api.Test;

/**
 * Writes the {@link TargetModels} as .onnx files (and the rendered text as .npy) into the folder named
 * by the system property {@code gradcam4j.targetModelsOut}, for trying the CLI on them and making the
 * pictures of docs/targets.md:
 * {@code ./mvnw -q -o -pl gradcam4j-core test -Dtest=WriteTargetModels -Dgradcam4j.targetModelsOut=DIR}.
 * Skipped without the property.
 */
class WriteTargetModels {
  @Test
  void write() throws IOException {
    String out = System.getProperty("gradcam4j.targetModelsOut");
    assumeTrue(out != null, "set -Dgradcam4j.targetModelsOut=DIR to write the target fixture models");
    Path dir = Files.createDirectories(Path.of(out));
    AtomicFiles.write(dir.resolve("crnn.onnx"), TargetModels.textRecognizer().toByteArray());
    AtomicFiles.write(dir.resolve("unet.onnx"), TargetModels.segmenter(3).toByteArray());
    AtomicFiles.write(dir.resolve("textdet.onnx"), TargetModels.segmenter(1).toByteArray());
    AtomicFiles.write(dir.resolve("yolo.onnx"), TargetModels.detector().toByteArray());
    AtomicFiles.write(dir.resolve("detector.onnx"), TargetModels.detectorTriples().toByteArray());
    AtomicFiles.write(dir.resolve("embedder.onnx"), TargetModels.embedder().toByteArray());
    AtomicFiles.write(dir.resolve("vqa.onnx"), TargetModels.twoInputs().toByteArray());
    AtomicFiles.write(dir.resolve("nhwc.onnx"), TargetModels.channelsLast().toByteArray());
    AtomicFiles.write(dir.resolve("nchw.onnx"), TargetModels.channelsFirstTwin().toByteArray());
    org.gradcam4j.image.PngWriter.write(dir.resolve("text.png"), TargetModels.textPicture("_'_-_._|"));
    org.gradcam4j.image.PngWriter.write(dir.resolve("text8.png"), TargetModels.textPicture("'-.|'-.|"));
    Npy.write(dir.resolve("question.npy"), new long[] {1, 4}, new float[] {0.5f, -1f, 0.25f, 2f});
  }
}
