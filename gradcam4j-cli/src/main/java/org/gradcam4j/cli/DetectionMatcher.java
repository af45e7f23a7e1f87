package org.gradcam4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Detections;
import org.gradcam4j.targets.Target;

/**
 * {@code --target box:...} on a detector that returns boxes / scores / labels triples: for each image,
 * one forward pass finds the detection that best overlaps the box (see {@link Detections#bestMatch}),
 * and its score, in the scores output, is explained. The boxes output is the other output with
 * [N, B, 4] values, the labels output the other one with [N, B].
 */
final class DetectionMatcher {
  private final Explainer explainer;
  private final Preprocessing pre;
  private final String scores;

  DetectionMatcher(Explainer explainer, Preprocessing pre, String scores) {
    this.explainer = explainer;
    this.pre = pre;
    this.scores = scores;
  }

  /** The target of every image: its best-matching detection's score. */
  List<Target> targets(List<Path> files, TargetForms.PerImage box) {
    List<Target> targets = new ArrayList<>();
    for (Path file : files) {
      FloatTensor x = FloatTensor.stack(List.of(pre.normalize(pre.resizeAndCrop(ImageDecoder.read(file)))));
      ShapeTable shapes = explainer.shapes(x.shape());
      long count = shapes.shape(scores).elementCountFrom(1);
      String boxes = null;
      String labels = null;
      for (String o : explainer.outputNames()) {
        long[] d = shapes.shape(o).dims();
        if (d.length == 3 && d[1] == count && d[2] == 4) {
          boxes = o;
        } else if (!o.equals(scores) && d.length == 2 && d[1] == count) {
          labels = o;
        }
      }
      if (boxes == null) {
        throw new GradCamException("--target box: output '" + scores + "' has " + count + " scores per image but no"
            + " output holds their boxes [N, " + count + ", 4] (x0, y0, x1, y1); outputs: "
            + String.join(", ", explainer.outputNames()));
      }
      if (box.label() >= 0 && labels == null) {
        throw new GradCamException("--target box with a class: no output holds the labels [N, " + count + "]");
      }
      List<String> wanted = labels == null ? List.of(boxes) : List.of(boxes, labels);
      var out = explainer.forward(x, wanted);
      int index = Detections.bestMatch(out.get(boxes).data(), labels == null ? null : out.get(labels).data(),
          (int) count, box.box(), box.label(), Detections.DEFAULT_IOU);
      targets.add(Detections.scoreOf(index, (int) count, box.box()));
    }
    return targets;
  }
}
