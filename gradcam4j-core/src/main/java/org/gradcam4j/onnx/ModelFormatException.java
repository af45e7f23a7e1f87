package org.gradcam4j.onnx;

import org.gradcam4j.error.GradCamException;

/** A file that is not a usable ONNX model: unreadable, truncated, corrupt or structurally invalid. */
public class ModelFormatException extends GradCamException {
  private static final long serialVersionUID = 1L;

  public ModelFormatException(String message) {
    super(message);
  }

  public ModelFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
