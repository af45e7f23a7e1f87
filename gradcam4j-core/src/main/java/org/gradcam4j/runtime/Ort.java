package org.gradcam4j.runtime;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import java.util.EnumSet;
import org.gradcam4j.error.GradCamException;

/** The process-wide ONNX Runtime environment and the session options gradcam4j uses. */
public final class Ort {
  private Ort() {}

  private static final class Holder {
    static final OrtEnvironment ENV = create();

    private static OrtEnvironment create() {
      try {
        return OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "gradcam4j");
      } catch (RuntimeException | UnsatisfiedLinkError e) {
        throw new GradCamException("Cannot start ONNX Runtime on this machine: " + e.getMessage(), e);
      }
    }
  }

  public static OrtEnvironment env() {
    return Holder.ENV;
  }

  /**
   * Options for a new session: all graph optimisations on, and {@code intraOpThreads} threads
   * (0 lets ONNX Runtime choose, which is one per physical core).
   */
  public static OrtSession.SessionOptions options(int intraOpThreads) {
    return options(intraOpThreads, OrtSession.SessionOptions.OptLevel.ALL_OPT);
  }

  /**
   * Options as {@link #options(int)} with another graph optimisation level: a session that runs once
   * (the shape probe) pays for optimisations it never recovers.
   */
  public static OrtSession.SessionOptions options(int intraOpThreads, OrtSession.SessionOptions.OptLevel level) {
    return options(intraOpThreads, level, Device.CPU);
  }

  /** Options as {@link #options(int, OrtSession.SessionOptions.OptLevel)}, running on {@code device}. */
  public static OrtSession.SessionOptions options(int intraOpThreads, OrtSession.SessionOptions.OptLevel level,
      Device device) {
    OrtSession.SessionOptions o = new OrtSession.SessionOptions();
    try {
      o.setOptimizationLevel(level);
      o.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      o.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
      if (intraOpThreads > 0) {
        o.setIntraOpNumThreads(intraOpThreads);
      }
      device.configure(o);
      return o;
    } catch (GradCamException e) {
      o.close();
      throw e;
    } catch (OrtException e) {
      o.close();
      throw new GradCamException("Cannot configure ONNX Runtime: " + e.getMessage(), e);
    }
  }

  /** The execution providers of the ONNX Runtime build on the classpath (CPU only for {@code onnxruntime}). */
  public static EnumSet<OrtProvider> availableProviders() {
    env();
    return OrtEnvironment.getAvailableProviders();
  }
}
