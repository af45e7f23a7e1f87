package org.gradcam4j.eval.truth;

import java.util.List;
import java.util.Optional;

/**
 * What is known about where the objects of one image are: labelled boxes and, when available, a
 * per-pixel mask. Coordinates are those of the annotation; use {@link #transformed} to bring them to
 * the resolution of the maps being evaluated.
 */
public record GroundTruth(List<LabeledBox> boxes, Optional<Mask> mask) {
  public GroundTruth {
    boxes = List.copyOf(boxes);
  }

  /** Boxes without a mask. */
  public static GroundTruth ofBoxes(List<LabeledBox> boxes) {
    return new GroundTruth(boxes, Optional.empty());
  }

  /** Only the objects labelled {@code label}; the mask, which carries no label, is kept. */
  public GroundTruth withLabel(String label) {
    return new GroundTruth(boxes.stream().filter(b -> b.label().equals(label)).toList(), mask);
  }

  /** The boxes alone. */
  public List<Box> boxList() {
    return boxes.stream().map(LabeledBox::box).toList();
  }

  /**
   * Boxes mapped by {@link Box#transformed} and clipped to {@code width x height}; boxes that end up
   * empty are dropped. A mask cannot be resampled here and is dropped unless it is already
   * {@code width x height} and the transform is the identity.
   */
  public GroundTruth transformed(double scaleX, double scaleY, double offsetX, double offsetY,
      int width, int height) {
    List<LabeledBox> moved = boxes.stream()
        .map(b -> new LabeledBox(b.label(),
            b.box().transformed(scaleX, scaleY, offsetX, offsetY).clipped(width, height), b.difficult()))
        .filter(b -> !b.box().isEmpty())
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
    return boxes.isEmpty() && mask.isEmpty();
  }
}
