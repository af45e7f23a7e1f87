package org.gradcam4j.data;

import java.util.List;
import java.util.Objects;
import org.gradcam4j.image.RgbImage;

/**
 * An image with the ground truth of the target objects in it. Most images hold one target; the
 * accessors {@link #label()}, {@link #className()}, {@link #mask()} and {@link #box()} describe the
 * first one. Images made for class-discrimination tests hold two targets of different classes.
 */
public record LabelledImage(RgbImage image, List<LabelledObject> objects) {
  public LabelledImage {
    Objects.requireNonNull(image, "image");
    objects = List.copyOf(objects);
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("a labelled image needs at least one object");
    }
    for (LabelledObject o : objects) {
      if (o.mask().width() != image.width() || o.mask().height() != image.height()) {
        throw new IllegalArgumentException("mask of '" + o.className() + "' is " + o.mask().width()
            + "x" + o.mask().height() + " but the image is " + image.width() + "x" + image.height());
      }
    }
  }

  /** The first object. */
  public LabelledObject primary() {
    return objects.get(0);
  }

  /** Class index of the first object. */
  public int label() {
    return primary().label();
  }

  /** Class name of the first object. */
  public String className() {
    return primary().className();
  }

  /** Pixel mask of the first object. */
  public PixelMask mask() {
    return primary().mask();
  }

  /** Bounding box of the first object. */
  public BoundingBox box() {
    return primary().box();
  }
}
