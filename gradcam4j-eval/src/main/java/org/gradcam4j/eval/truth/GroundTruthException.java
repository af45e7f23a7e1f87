package org.gradcam4j.eval.truth;

import org.gradcam4j.error.GradCamException;

/** A ground-truth file that cannot be read; the message names the file (and line, where known). */
public class GroundTruthException extends GradCamException {
  private static final long serialVersionUID = 1L;

  public GroundTruthException(String message) {
    super(message);
  }

  public GroundTruthException(String message, Throwable cause) {
    super(message, cause);
  }
}
