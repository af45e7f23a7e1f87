package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.io.Npy;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The explainer written by {@code compile} gives the same map as {@code explain}, in ONNX Runtime for
 * Java and, independently of this project's runtime, in ONNX Runtime for Node.js. Needs ../shared;
 * the Node.js part needs node and the onnxruntime-node package, which the build installs into
 * target/node (see src/test/node/install.sh). Without them that part is skipped, except on CI
 * (environment variable CI=true), where it fails.
 */
class CompileCommandTest {
  static final Path NODE_DIR = Path.of("target", "node");

  @TempDir
  Path tmp;

  @Test
  void exportedExplainerMatchesExplainInJavaAndInNode() throws Exception {
    String model = SharedData.model(SharedData.MOBILENET_V2).toString();
    Path explainer = tmp.resolve("explainer.onnx");
    Cli.Result compiled = Cli.run("compile", "--model", model, "-o", explainer.toString());
    assertThat(compiled.exitCode()).as(compiled.err()).isZero();

    Path out = tmp.resolve("out");
    Path photo = SharedData.image("gradcam_cat_dog.jpg");
    Cli.Result explained = Cli.run("explain", "--model", model, "--image", photo.toString(), "--target", "282",
        "--raw", "--out", out.toString());
    assertThat(explained.exitCode()).as(explained.err()).isZero();
    float[] expected = Npy.read(out.resolve("gradcam_cat_dog.gradcam.lowres.npy")).data();

    Preprocessing pre = Preprocessing.preset("imagenet");
    FloatTensor input = FloatTensor.stack(List.of(pre.normalize(pre.resizeAndCrop(ImageDecoder.read(photo)))));
    float[] seed = new float[1000];
    seed[282] = 1;

    try (OnnxSession java = new OnnxSession(OnnxModel.load(explainer), 0)) {
      float[] cam = java.run(Map.of("input", input, "seed", new FloatTensor(new long[] {1, 1000}, seed)),
          List.of("cam")).get("cam").data();
      assertThat(ReferenceCases.relativeMaxError(cam, expected)).isLessThan(1e-5);
    }

    String missing = "onnxruntime-node is not installed in target/node (needs node and npm at build time)";
    if (onCi()) {
      // CI installs Node.js: there a missing runtime is a broken build, not a reason to skip.
      assertThat(NODE_DIR.resolve("node_modules/onnxruntime-node")).as(missing + ", and CI=true").isDirectory();
    } else {
      assumeTrue(Files.isDirectory(NODE_DIR.resolve("node_modules/onnxruntime-node")), missing);
    }
    Path inputFile = writeFloats(tmp.resolve("input.f32"), input.data());
    Path seedFile = writeFloats(tmp.resolve("seed.f32"), seed);
    Path result = tmp.resolve("node.json");
    Process p = new ProcessBuilder("node", NODE_DIR.resolve("run-explainer.mjs").toAbsolutePath().toString(),
        explainer.toString(), "input", inputFile.toString(), "1,3,224,224", seedFile.toString(), "1000",
        result.toString())
        .redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(log).isZero();
    JsonNode json = new ObjectMapper().readTree(result.toFile());
    assertThat(json.path("inputNames").toString()).isEqualTo("[\"input\",\"seed\"]");
    assertThat(json.path("cam").path("dims").toString()).isEqualTo("[1,7,7]");
    float[] nodeCam = new float[expected.length];
    for (int i = 0; i < nodeCam.length; i++) {
      nodeCam[i] = (float) json.path("cam").path("data").get(i).asDouble();
    }
    double error = ReferenceCases.relativeMaxError(nodeCam, expected);
    System.out.printf("onnxruntime-node vs explain: relative max error %.2e%n", error);
    assertThat(error).isLessThan(1e-5);
    assertThat(json.path("scores").path("dims").toString()).isEqualTo("[1,1000]");
  }

  /** Whether the build runs on CI, which sets the environment variable CI to {@code true}. */
  static boolean onCi() {
    return "true".equals(System.getenv("CI"));
  }

  private static Path writeFloats(Path file, float[] values) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(values);
    return Files.write(file, buf.array());
  }
}
