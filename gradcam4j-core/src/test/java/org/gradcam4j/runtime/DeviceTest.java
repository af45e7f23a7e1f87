package org.gradcam4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;
import java.util.EnumSet;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;

class DeviceTest {
  @Test
  void parsesCpuAndCudaDevices() {
    assertThat(Device.parse("cpu")).isEqualTo(Device.CPU);
    assertThat(Device.parse("CUDA")).isEqualTo(Device.cuda(0));
    assertThat(Device.parse("cuda:3").cudaIndex()).isEqualTo(3);
    assertThat(Device.parse("cuda:3").toString()).isEqualTo("cuda:3");
    assertThat(Device.CPU.isCuda()).isFalse();
  }

  @Test
  void rejectsUnknownDevicesNamingTheChoices() {
    assertThatThrownBy(() -> Device.parse("tpu")).isInstanceOf(GradCamException.class)
        .hasMessageContaining("'tpu'").hasMessageContaining("cuda:N");
    assertThatThrownBy(() -> Device.parse("cuda:x")).isInstanceOf(GradCamException.class);
    assertThatThrownBy(() -> Device.parse("cuda:-1")).isInstanceOf(GradCamException.class);
  }

  @Test
  void aBuildWithoutCudaIsReportedWithWhatIsMissingAndHowToGetIt() {
    assertThatThrownBy(() -> Device.requireCudaBuild(EnumSet.of(OrtProvider.CPU)))
        .isInstanceOf(DeviceUnavailableException.class)
        .hasMessageContaining("CUDA execution provider")
        .hasMessageContaining("com.microsoft.onnxruntime:onnxruntime_gpu")
        .hasMessageContaining("docs/gpu.md");
  }

  @Test
  void cpuSessionsRunAndCudaFailsClearlyWithTheCpuBuild() {
    assumeFalse(Ort.availableProviders().contains(OrtProvider.CUDA), "this ONNX Runtime has the CUDA provider");
    try (Explainer cpu = Explainer.of(TinyClassifier.model(), 1, Device.CPU)) {
      assertThat(cpu.runtime().device()).isEqualTo(Device.CPU);
      assertThat(cpu.explainImages(java.util.List.of(RgbImage.blank(16, 16)), java.util.List.of("grey"))
          .run()).hasSize(1);
    }
    try (Explainer gpu = Explainer.of(TinyClassifier.model(), 1, Device.cuda(0))) {
      assertThatThrownBy(() -> gpu.explainImages(java.util.List.of(RgbImage.blank(16, 16)),
          java.util.List.of("grey")).run())
          .isInstanceOf(DeviceUnavailableException.class)
          .hasMessageContaining("onnxruntime_gpu");
    }
  }
}
