package org.gradcam4j.zoo;

import org.gradcam4j.error.GradCamException;

/** A file whose SHA-256 is not the one the catalogue expects; the message gives both values. */
public class ChecksumMismatchException extends GradCamException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String actual;

  public ChecksumMismatchException(String message, String expected, String actual) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }

  /** The SHA-256 the file should have (hex). */
  public String expected() {
    return expected;
  }

  /** The SHA-256 the file has (hex). */
  public String actual() {
    return actual;
  }
}
