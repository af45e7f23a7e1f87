package org.gradcam4j.zoo;

/**
 * A downloadable list of class names that several catalogue models share, read with
 * {@link ClassLabels}.
 *
 * @param name the key catalogue entries use to refer to it
 * @param description what the list is
 * @param file where to get it and how to verify it
 */
public record LabelSet(String name, String description, RemoteFile file) {
  public LabelSet {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("label set without a name");
    }
    if (file == null) {
      throw new IllegalArgumentException("label set '" + name + "' has no file");
    }
  }
}
