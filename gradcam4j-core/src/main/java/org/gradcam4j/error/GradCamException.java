package org.gradcam4j.error;

/**
 * Base class of every error gradcam4j reports. Messages are written for the person running the
 * tool: they name the file, node, tensor or value that is wrong and, where possible, what to do.
 */
public class GradCamException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GradCamException(String message) {
    super(message);
  }

  public GradCamException(String message, Throwable cause) {
    super(message, cause);
  }
}
