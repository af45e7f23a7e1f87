package org.gradcam4j.eval.truth;

/**
 * A ground-truth object: its class label as written in the annotation (a name such as {@code dog} or
 * an index such as {@code 3}), its box, and PASCAL VOC's "difficult" flag.
 */
public record LabeledBox(String label, Box box, boolean difficult) {
  public LabeledBox {
    if (label == null || box == null) {
      throw new IllegalArgumentException("label and box are required");
    }
  }

  /** An object that is not marked difficult. */
  public LabeledBox(String label, Box box) {
    this(label, box, false);
  }
}
