package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FiltersCommandTest {
  @TempDir
  Path tmp;

  @Test
  void writesTheRawWeightsAGridAndTheirDescription() throws Exception {
    OnnxModel model = TinyModels.withOpBeforePooling("Relu");
    Path file = tmp.resolve("tiny.onnx");
    model.save(file);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("filters", "--model", file.toString(), "--out", out.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();

    float[] raw = Tensors.toFloats(model.graph().initializers().get("w"));
    Npy.Array npy = Npy.read(out.resolve("filters.npy"));
    assertThat(npy.shape()).containsExactly(8, 3, 3, 3);
    assertThat(npy.data()).containsExactly(raw);

    JsonNode json = new ObjectMapper().readTree(out.resolve("filters.json").toFile());
    assertThat(json.get("tiles").asText()).isEqualTo("rgb");
    assertThat(json.get("scale").asText()).isEqualTo("per-filter");
    float min = Float.MAX_VALUE;
    for (int i = 27 * 5; i < 27 * 6; i++) {
      min = Math.min(min, raw[i]);
    }
    assertThat((float) json.get("filters").get(5).get("min").asDouble()).isEqualTo(min);

    RgbImage png = ImageDecoder.read(out.resolve("filters.png"));
    // Eight 3x3 kernels enlarged 16 times, in one row of eight.
    assertThat(png.width()).isGreaterThan(8 * 48);
  }

  @Test
  void anUnknownLayerFailsInOneLineAndWritesNothing() throws Exception {
    Path file = tmp.resolve("tiny.onnx");
    TinyModels.withOpBeforePooling("Relu").save(file);
    Path out = tmp.resolve("out");
    Cli.Result r = Cli.run("filters", "--model", file.toString(), "--layer", "fc", "--out", out.toString());
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err().strip()).startsWith("gradcam4j: No Conv node").contains("'fc'").doesNotContain("\n");
    assertThat(Files.exists(out)).isFalse();
  }
}
