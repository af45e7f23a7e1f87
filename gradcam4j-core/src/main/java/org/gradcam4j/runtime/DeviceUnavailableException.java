package org.gradcam4j.runtime;

import org.gradcam4j.error.GradCamException;

/**
 * The requested {@link Device} cannot run sessions here: the ONNX Runtime build lacks its execution
 * provider, or the provider cannot start (no GPU, driver or CUDA libraries). Unlike a bad image, this
 * fails every image alike, so batch jobs stop on it instead of recording it per image.
 */
public final class DeviceUnavailableException extends GradCamException {
  private static final long serialVersionUID = 1L;

  DeviceUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
