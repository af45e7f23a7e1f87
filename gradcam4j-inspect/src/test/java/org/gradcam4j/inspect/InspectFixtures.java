package org.gradcam4j.inspect;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.proto.Onnx;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;

/** Folders of random images and an independent way of reading a tensor: as a plain graph output. */
public final class InspectFixtures {
  private InspectFixtures() {}

  /** Pre-processing of the fixture images: kept at their size, values / 255 with ImageNet mean and std. */
  public static final Preprocessing PRE = Preprocessing.preset("imagenet").withResize(0).withCrop(0);

  /** {@code count} random {@code size} x {@code size} PNGs named img00.png.., plus a broken broken.png when asked. */
  public static Path randomImages(Path dir, int count, int size, long seed, boolean withBroken) throws Exception {
    Files.createDirectories(dir);
    Random r = new Random(seed);
    for (int i = 0; i < count; i++) {
      RgbImage im = RgbImage.blank(size, size);
      r.nextBytes(im.pixels());
      PngWriter.write(dir.resolve(String.format("img%02d.png", i)), im);
    }
    if (withBroken) {
      Files.writeString(dir.resolve("broken.png"), "not an image");
    }
    return dir;
  }

  /**
   * Runs {@code model} with {@code tensor} added as a graph output, in a session of its own (not the
   * project's ModelRuntime), and returns that tensor.
   */
  public static FloatTensor asGraphOutput(OnnxModel model, String input, FloatTensor batch, String tensor) {
    Onnx.GraphProto.Builder g = model.proto().getGraph().toBuilder();
    g.addOutput(Onnx.ValueInfoProto.newBuilder().setName(tensor).setType(Onnx.TypeProto.newBuilder()
        .setTensorType(Onnx.TypeProto.Tensor.newBuilder().setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE))));
    OnnxModel withOutput = OnnxModel.of(model.proto().toBuilder().setGraph(g).build(), "with output");
    try (OnnxSession s = new OnnxSession(withOutput, 1)) {
      return s.run(java.util.Map.of(input, batch), List.of(tensor)).get(tensor);
    }
  }
}
