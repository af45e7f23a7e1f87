package org.gradcam4j.data;

import java.util.Objects;

/**
 * One target object of an image: its class, the pixels it covers and their bounding box.
 *
 * @param label class index, 0-based
 * @param className class name, e.g. {@code "star"}
 * @param mask exactly the pixels where the object is visible in the final image
 * @param box the box around the object (tight around {@code mask} for generated images)
 */
public record LabelledObject(int label, String className, PixelMask mask, BoundingBox box) {
  public LabelledObject {
    if (label < 0) {
      throw new IllegalArgumentException("class index must not be negative, got " + label);
    }
    Objects.requireNonNull(className, "className");
    Objects.requireNonNull(mask, "mask");
    Objects.requireNonNull(box, "box");
    if (!box.fitsIn(mask.width(), mask.height())) {
      throw new IllegalArgumentException("box " + box + " of '" + className + "' leaves the "
          + mask.width() + "x" + mask.height() + " image");
    }
  }
}
