package org.gradcam4j.eval.truth;

import java.util.List;
import java.util.Optional;

/**
 * What is known about where the objects of one image are: the annotated objects (label and box)
 * and, when available, one per-pixel mask of them all. Coordinates are those of the annotation; use
 * {@link #transformed} to bring them to the resolution of the maps being evaluated.
 *
 * @param objects the objects; their own masks, if any, are not used here (see {@code mask})
 * @param mask the pixels of all the objects together
 */
public record GroundTruth(List<AnnotatedObject> objects, Optional<Mask> mask) {
  public GroundTruth {
    objects = List.copyOf(objects);
  }

  /** Objects without a mask. */
  public static GroundTruth ofBoxes(List<AnnotatedObject> objects) {
    return new GroundTruth(objects, Optional.empty());
  }

  /** Only the objects labelled {@code label}; the mask, which carries no label, is kept. */
  public GroundTruth withLabel(String label) {
    return new GroundTruth(objects.stream().filter(o -> o.label().equals(label)).toList(), mask);
  }

  /** The boxes alone. */
  public List<Box> boxList() {
    return objects.stream().map(AnnotatedObject::box).toList();
  }

  /**
   * Boxes mapped by {@link Box#transformed} and clipped to {@code width x height}; boxes that end up
   * empty are dropped. A mask cannot be resampled here and is dropped unless it is already
   * {@code width x height} and the transform is the identity; so are the objects' own masks.
   */
  public GroundTruth transformed(double scaleX, double scaleY, double offsetX, double offsetY,
      int width, int height) {
    List<AnnotatedObject> moved = objects.stream()
        .map(o -> new AnnotatedObject(o.label(), o.classIndex(),
            o.box().transformed(scaleX, scaleY, offsetX, offsetY).clipped(width, height), Optional.empty(),
            o.difficult()))
        .filter(o -> !o.box().isEmpty())
        .toList();
    boolean identity = scaleX == 1 && scaleY == 1 && offsetX == 0 && offsetY == 0;
    Optional<Mask> keptMask = mask.filter(m -> identity && m.width() == width && m.height() == height);
    return new GroundTruth(moved, keptMask);
  }

  /** The mask if present, else the union of the boxes rasterised to {@code width x height}. */
  public Mask maskOrBoxes(int width, int height) {
    if (mask.isPresent()) {
      Mask m = mask.get();
      if (m.width() != width || m.height() != height) {
        throw new IllegalArgumentException("ground-truth mask is " + m.width() + "x" + m.height()
            + " but the map is " + width + "x" + height);
      }
      return m;
    }
    return Mask.ofBoxes(boxList(), width, height);
  }

  /** Whether there is neither a box nor a mask. */
  public boolean isEmpty() {
    return objects.isEmpty() && mask.isEmpty();
  }
}
