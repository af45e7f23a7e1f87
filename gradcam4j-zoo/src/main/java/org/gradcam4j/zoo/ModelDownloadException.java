package org.gradcam4j.zoo;

import org.gradcam4j.error.GradCamException;

/**
 * A download that could not be completed: no network, a refused connection, an HTTP error or a
 * transfer cut off part-way. The message says how to download the file by hand and where to put it.
 */
public class ModelDownloadException extends GradCamException {
  private static final long serialVersionUID = 1L;

  public ModelDownloadException(String message, Throwable cause) {
    super(message, cause);
  }

  public ModelDownloadException(String message) {
    super(message);
  }
}
