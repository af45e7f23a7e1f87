package org.gradcam4j.methods;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.runtime.FloatTensor;

/**
 * Guided Grad-CAM (Selvaraju et al. 2017, section 3.1): guided backpropagation multiplied, pixel by
 * pixel, by the Grad-CAM map upsampled bilinearly to the input size, which combines the fine detail
 * of the one with the class discrimination of the other. Counterfactual targets flip both parts.
 */
public final class GuidedGradCam implements ExplanationMethod {
  private final GradientCam gradCam = new GradientCam(new GradCamWeighting());
  private final GuidedBackprop guided = new GuidedBackprop();

  @Override
  public String name() {
    return "guided-gradcam";
  }

  @Override
  public Kind kind() {
    return Kind.PIXEL;
  }

  @Override
  public List<Explanation> explain(MethodContext ctx) {
    List<Explanation> cams = gradCam.explain(ctx);
    List<Explanation> pixels = guided.explain(ctx);
    int h = (int) ctx.batch().dim(2);
    int w = (int) ctx.batch().dim(3);
    List<Explanation> out = new ArrayList<>();
    for (int i = 0; i < ctx.size(); i++) {
      Explanation cam = cams.get(i);
      float[] map = cam.displayMap(h, w);
      FloatTensor gb = pixels.get(i).attribution();
      float[] product = new float[gb.data().length];
      int plane = h * w;
      for (int k = 0; k < product.length; k++) {
        product[k] = gb.data()[k] * map[k % plane];
      }
      out.add(new Explanation(name(), cam.target(), cam.targetClass(), cam.targetScore(), cam.layer(),
          cam.scoreTensor(), cam.scores(), cam.predictions(),
          new Explanation.PixelAttribution(new FloatTensor(gb.shape(), product))));
    }
    return out;
  }

}
