package org.gradcam4j.image;

import java.nio.file.Path;
import org.gradcam4j.error.GradCamException;

/** An image file could not be turned into pixels; the message names the file and the reason. */
public class ImageDecodeException extends GradCamException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  public ImageDecodeException(Path file, String reason) {
    super("Cannot read image " + file + ": " + reason);
    this.file = file;
  }

  public ImageDecodeException(Path file, String reason, Throwable cause) {
    super("Cannot read image " + file + ": " + reason, cause);
    this.file = file;
  }

  /** The file that could not be decoded. */
  public Path file() {
    return file;
  }
}
