package org.gradcam4j.eval.truth;

import java.util.Objects;
import java.util.Optional;

/**
 * One annotated object of an image, in the image's own pixel coordinates: what an annotation file
 * says about it, and what the synthetic benchmark knows exactly.
 *
 * @param label the class as the annotation writes it: a name such as {@code dog}, or an index such as
 *     {@code 3}; the synthetic benchmark writes the class name
 * @param classIndex the model's class index for it, or -1 while it is not known (annotation readers
 *     leave the mapping to the data source, which knows the class names)
 * @param box the object's box (pixel-edge coordinates, see {@link Box})
 * @param mask the object's exact pixels, when the data has them
 * @param difficult PASCAL VOC's "difficult" flag
 */
public record AnnotatedObject(String label, int classIndex, Box box, Optional<Mask> mask, boolean difficult) {
  public AnnotatedObject {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(mask, "mask");
  }

  /** An object as an annotation file gives it: a label and a box, class not yet known. */
  public AnnotatedObject(String label, Box box) {
    this(label, -1, box, Optional.empty(), false);
  }

  /** An object of a PASCAL VOC file, with its "difficult" flag. */
  public AnnotatedObject(String label, Box box, boolean difficult) {
    this(label, -1, box, Optional.empty(), difficult);
  }

  /** An object whose class and exact pixels are known, as in the synthetic benchmark. */
  public AnnotatedObject(String label, int classIndex, Box box, Mask mask) {
    this(label, classIndex, box, Optional.of(mask), false);
  }
}
