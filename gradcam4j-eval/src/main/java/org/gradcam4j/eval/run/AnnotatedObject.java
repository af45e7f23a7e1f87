package org.gradcam4j.eval.run;

import java.util.Objects;
import java.util.Optional;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;

/**
 * One annotated object of an evaluation image, in the image's own pixel coordinates.
 *
 * @param label the class as the annotation writes it (a name such as {@code dog} or an index)
 * @param classIndex the model's class index for it, or -1 when the label could not be mapped
 * @param box the object's box (pixel-edge coordinates, see {@link Box})
 * @param mask the object's exact pixels, when the data has them
 */
public record AnnotatedObject(String label, int classIndex, Box box, Optional<Mask> mask) {
  public AnnotatedObject {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(mask, "mask");
  }
}
