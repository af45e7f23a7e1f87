package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.image.Segmentation;
import org.gradcam4j.runtime.FloatTensor;

/**
 * A method that attributes the target score to segments of the image (SLIC superpixels or grid cells,
 * {@link MethodOptions#superpixels()}) by scoring copies in which some segments are replaced by
 * {@link MethodOptions#occlusionFill()}: LIME, KernelSHAP, Shapley value sampling, feature ablation.
 * Each image is segmented as the model sees it (after pre-processing); every pixel of a segment gets the
 * segment's attribution. Random methods draw from {@link MethodOptions#seed()} afresh for every image,
 * so an image's map does not depend on the batch it came in. A top-1 target is pinned to the class of
 * the unperturbed image.
 */
abstract class SuperpixelMethod implements ExplanationMethod {
  @Override
  public final Kind kind() {
    return Kind.INPUT;
  }

  @Override
  public final List<Explanation> explain(MethodContext ctx) {
    MethodOptions o = ctx.options();
    int channels = (int) ctx.batch().dim(1);
    int height = (int) ctx.batch().dim(2);
    int width = (int) ctx.batch().dim(3);
    FloatTensor original = ctx.originalScores();
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      float[] seed = ctx.seedVector(i, original.item(i).data());
      double y = MethodContext.dot(seed, original.data(), i * seed.length);
      float[] image = ctx.batch().item(i).data();
      Segmentation segments = Segmentation.of(o.superpixels(), image, channels, height, width, o.segments(),
          o.compactness());
      double[] values = attribute(new CoalitionScorer(ctx, image, channels, segments, o.occlusionFill(), seed, y), o);
      out.add(ctx.explanation(name(), i, null,
          new Explanation.InputMap(new FloatTensor(new long[] {height, width}, segments.paint(values)))));
    }
    return out;
  }

  /** One attribution per segment of the image that {@code scorer} perturbs. */
  abstract double[] attribute(CoalitionScorer scorer, MethodOptions options);
}
