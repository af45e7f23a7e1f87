package org.gradcam4j.autodiff.rules;

import org.gradcam4j.error.GradCamException;

/** A node on the path from the differentiated tensors to the score has no usable backward rule. */
public class UnsupportedBackwardException extends GradCamException {
  private static final long serialVersionUID = 1L;

  public UnsupportedBackwardException(String message) {
    super(message);
  }
}
