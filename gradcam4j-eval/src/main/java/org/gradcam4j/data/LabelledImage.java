package org.gradcam4j.data;

import java.util.List;
import java.util.Objects;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;

/**
 * An image with the ground truth of the target objects in it. Most images hold one target; the
 * accessors {@link #label()}, {@link #className()}, {@link #mask()} and {@link #box()} describe the
 * first one. Images made for class-discrimination tests hold two targets of different classes.
 *
 * <p>Every object is fully known: its {@link AnnotatedObject#label() label} is the class name, its
 * {@link AnnotatedObject#classIndex() class index} is set, its mask covers the image and its box
 * lies inside it.
 */
public record LabelledImage(RgbImage image, List<AnnotatedObject> objects) {
  public LabelledImage {
    Objects.requireNonNull(image, "image");
    objects = List.copyOf(objects);
    if (objects.isEmpty()) {
      throw new IllegalArgumentException("a labelled image needs at least one object");
    }
    for (AnnotatedObject o : objects) {
      requireFullyKnown(o, image);
    }
  }

  private static void requireFullyKnown(AnnotatedObject o, RgbImage image) {
    if (o.classIndex() < 0) {
      throw new IllegalArgumentException("class index of '" + o.label() + "' must not be negative, got "
          + o.classIndex());
    }
    Mask mask = o.mask().orElseThrow(() -> new IllegalArgumentException("'" + o.label() + "' has no mask"));
    if (mask.width() != image.width() || mask.height() != image.height()) {
      throw new IllegalArgumentException("mask of '" + o.label() + "' is " + mask.width() + "x" + mask.height()
          + " but the image is " + image.width() + "x" + image.height());
    }
    if (!o.box().fitsIn(image.width(), image.height())) {
      throw new IllegalArgumentException("box " + o.box() + " of '" + o.label() + "' leaves the "
          + image.width() + "x" + image.height() + " image");
    }
  }

  /** The first object. */
  public AnnotatedObject primary() {
    return objects.get(0);
  }

  /** Class index of the first object. */
  public int label() {
    return primary().classIndex();
  }

  /** Class name of the first object. */
  public String className() {
    return primary().label();
  }

  /** Pixel mask of the first object. */
  public Mask mask() {
    return primary().mask().orElseThrow();
  }

  /** Bounding box of the first object. */
  public Box box() {
    return primary().box();
  }
}
