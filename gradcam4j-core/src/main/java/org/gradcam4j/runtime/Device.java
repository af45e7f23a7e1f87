package org.gradcam4j.runtime;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import java.util.Locale;
import org.gradcam4j.error.GradCamException;

/**
 * Where ONNX Runtime runs a model: the CPU (the default, and all the standard {@code onnxruntime}
 * artifact can do) or one NVIDIA GPU through ONNX Runtime's CUDA execution provider, which only the
 * {@code onnxruntime_gpu} artifact contains. Operators the CUDA provider lacks fall back to the CPU
 * inside the same session.
 *
 * @param cudaIndex the CUDA device number, or -1 for the CPU
 */
public record Device(int cudaIndex) {
  /** What the CUDA provider needs, for the error messages (see docs/gpu.md). */
  static final String GPU_BUILD_HINT = "Build or run with the GPU build of ONNX Runtime:"
      + " com.microsoft.onnxruntime:onnxruntime_gpu instead of com.microsoft.onnxruntime:onnxruntime"
      + " (./mvnw package -Donnxruntime.artifact=onnxruntime_gpu), on a machine with an NVIDIA driver,"
      + " CUDA 12 and cuDNN 9; see docs/gpu.md";

  public static final Device CPU = new Device(-1);

  public Device {
    if (cudaIndex < -1) {
      throw new GradCamException("A CUDA device number cannot be negative, got " + cudaIndex);
    }
  }

  public static Device cuda(int index) {
    if (index < 0) {
      throw new GradCamException("A CUDA device number cannot be negative, got " + index);
    }
    return new Device(index);
  }

  /** Parses {@code cpu}, {@code cuda} (device 0) or {@code cuda:N}. */
  public static Device parse(String text) {
    String s = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    if (s.equals("cpu")) {
      return CPU;
    }
    if (s.equals("cuda") || s.equals("gpu")) {
      return cuda(0);
    }
    if (s.startsWith("cuda:")) {
      try {
        return cuda(Integer.parseInt(s.substring(5)));
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw new GradCamException("Unknown device '" + text + "': use cpu, cuda or cuda:N (N = the GPU's number)");
  }

  public boolean isCuda() {
    return cudaIndex >= 0;
  }

  /** Adds this device's execution provider to session options; the CPU needs none. */
  void configure(OrtSession.SessionOptions options) {
    if (!isCuda()) {
      return;
    }
    requireCudaBuild(Ort.availableProviders());
    try {
      options.addCUDA(cudaIndex);
    } catch (OrtException | RuntimeException | UnsatisfiedLinkError e) {
      throw new DeviceUnavailableException("ONNX Runtime's CUDA provider cannot start on " + this + ": " + e.getMessage()
          + ". It needs an NVIDIA GPU number " + cudaIndex + " with its driver, and the CUDA 12 and cuDNN 9"
          + " libraries on the library path (LD_LIBRARY_PATH); see docs/gpu.md", e);
    }
  }

  /**
   * Fails with a {@link DeviceUnavailableException} saying what is missing and how to get it when this is
   * a CUDA device and the ONNX Runtime on the classpath was built without CUDA; a cheap check for a driver
   * to make before it sends work to GPU executors.
   */
  public void requireProvider() {
    if (isCuda()) {
      requireCudaBuild(Ort.availableProviders());
    }
  }

  /** Fails, saying what is missing and how to get it, unless ONNX Runtime was built with CUDA. */
  static void requireCudaBuild(EnumSet<OrtProvider> available) {
    if (!available.contains(OrtProvider.CUDA)) {
      throw new DeviceUnavailableException("--device cuda needs ONNX Runtime's CUDA execution provider, but the ONNX"
          + " Runtime on the classpath has only " + available + ". " + GPU_BUILD_HINT, null);
    }
  }

  @Override
  public String toString() {
    return isCuda() ? "cuda:" + cudaIndex : "cpu";
  }
}
