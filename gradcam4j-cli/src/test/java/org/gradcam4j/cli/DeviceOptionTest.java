package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;
import java.nio.file.Path;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.Ort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --device}: the CPU is the default; CUDA without the GPU build of ONNX Runtime says what is missing. */
class DeviceOptionTest {
  @TempDir
  Path tmp;

  @Test
  void cudaWithoutTheGpuBuildFailsNamingTheArtifactToUse() throws Exception {
    assumeFalse(Ort.availableProviders().contains(OrtProvider.CUDA), "this ONNX Runtime has the CUDA provider");
    Path image = tmp.resolve("grey.png");
    PngWriter.write(image, RgbImage.blank(64, 64));
    Cli.Result cuda = Cli.run("explain", "--model", "demo", "--device", "cuda:0", "--image", image.toString(),
        "--out", tmp.resolve("gpu").toString());
    assertThat(cuda.exitCode()).isNotZero();
    assertThat(cuda.err()).contains("CUDA execution provider").contains("onnxruntime_gpu").contains("docs/gpu.md")
        .doesNotContain("Exception");

    Cli.Result cpu = Cli.run("explain", "--model", "demo", "--device", "cpu", "--image", image.toString(),
        "--out", tmp.resolve("cpu").toString());
    assertThat(cpu.exitCode()).as(cpu.err()).isZero();
  }

  @Test
  void anUnknownDeviceIsRejected() {
    Path image = tmp.resolve("grey.png");
    PngWriter.write(image, RgbImage.blank(64, 64));
    Cli.Result r = Cli.run("explain", "--model", "demo", "--device", "tpu", "--image", image.toString(),
        "--out", tmp.toString());
    assertThat(r.exitCode()).isNotZero();
    assertThat(r.err()).contains("Unknown device 'tpu'");
  }
}
