package org.gradcam4j.eval.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gradcam4j.data.BoundingBox;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.LabelledObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;

/** Turns the synthetic benchmark's labelled images into evaluation images. */
final class LabelledImages {
  private LabelledImages() {}

  static EvaluationImage toEvaluationImage(String id, LabelledImage image) {
    List<AnnotatedObject> objects = new ArrayList<>();
    for (LabelledObject o : image.objects()) {
      BoundingBox b = o.box();
      Mask mask = new Mask(o.mask().width(), o.mask().height(), o.mask().toArray());
      objects.add(new AnnotatedObject(o.className(), o.label(), new Box(b.x0(), b.y0(), b.x1(), b.y1()),
          Optional.of(mask)));
    }
    return new EvaluationImage(id, image.image(), objects);
  }
}
