package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.GroundTruth;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;

/**
 * One image to evaluate, as its data source delivers it: the photo at its own size and the objects
 * annotated in it (none for an image without ground truth).
 *
 * @param id a stable name of the image within its data set (a relative path or a sample number); the
 *     journal uses it to know which images are done
 * @param image the image before any pre-processing
 * @param objects the annotated objects, first the main one
 */
public record EvaluationImage(String id, RgbImage image, List<AnnotatedObject> objects) {
  public EvaluationImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(image, "image");
    objects = List.copyOf(objects);
  }

  /** An image of the synthetic benchmark or a ground-truth folder, with its objects as they are. */
  public static EvaluationImage of(String id, LabelledImage image) {
    return new EvaluationImage(id, image.image(), image.objects());
  }

  /** Whether the image has any annotated object. */
  public boolean hasGroundTruth() {
    return !objects.isEmpty();
  }

  /** The model classes of the annotated objects (those whose label maps to a class), in order. */
  public Set<Integer> trueClasses() {
    Set<Integer> out = new LinkedHashSet<>();
    for (AnnotatedObject o : objects) {
      if (o.classIndex() >= 0) {
        out.add(o.classIndex());
      }
    }
    return out;
  }

  /** The class of the first object that has one, or -1. */
  public int primaryClass() {
    return trueClasses().stream().findFirst().orElse(-1);
  }

  /**
   * The ground truth for a map of class {@code explainedClass}: the objects of that class when there
   * are any (so that in an image of a cat and a dog the cat's map is judged against the cat), else all
   * objects. The mask is the union of the chosen objects' masks when every one of them has a mask.
   */
  public GroundTruth truthFor(int explainedClass) {
    List<AnnotatedObject> chosen = objects.stream().filter(o -> o.classIndex() == explainedClass
        && explainedClass >= 0).toList();
    if (chosen.isEmpty()) {
      chosen = objects;
    }
    List<AnnotatedObject> boxes = new ArrayList<>();
    boolean allMasked = !chosen.isEmpty();
    for (AnnotatedObject o : chosen) {
      boxes.add(new AnnotatedObject(o.label(), o.box()));
      allMasked &= o.mask().isPresent();
    }
    Optional<Mask> mask = Optional.empty();
    if (allMasked) {
      boolean[] union = new boolean[image.width() * image.height()];
      for (AnnotatedObject o : chosen) {
        Mask m = o.mask().get();
        if (m.width() != image.width() || m.height() != image.height()) {
          throw new IllegalArgumentException("the mask of '" + o.label() + "' in " + id + " is " + m.width() + "x"
              + m.height() + " but the image is " + image.width() + "x" + image.height());
        }
        boolean[] in = m.inside();
        for (int i = 0; i < union.length; i++) {
          union[i] |= in[i];
        }
      }
      mask = Optional.of(new Mask(image.width(), image.height(), union));
    }
    return new GroundTruth(boxes, mask);
  }
}
