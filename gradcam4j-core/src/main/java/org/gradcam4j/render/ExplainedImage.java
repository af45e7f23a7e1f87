package org.gradcam4j.render;

import java.util.Map;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.render.ExplanationRenderer;
import org.gradcam4j.render.RenderOptions;

/**
 * One image with its explanations.
 *
 * @param name the image's name (file name without extension, for files)
 * @param input the image as the model saw it (resized and cropped, before normalisation)
 * @param explanations by method name, in the order the methods were requested
 */
public record ExplainedImage(String name, RgbImage input, Map<String, Explanation> explanations) {
  public Explanation explanation(String method) {
    Explanation e = explanations.get(method);
    if (e == null) {
      throw new GradCamException("No explanation by '" + method + "' for image " + name + "; it has "
          + String.join(", ", explanations.keySet()));
    }
    return e;
  }

  /** The explanation drawn over (or beside) the input image. */
  public RgbImage render(String method, RenderOptions options) {
    return ExplanationRenderer.render(explanation(method), input, options);
  }

  public RgbImage render(String method) {
    return render(method, RenderOptions.defaults());
  }
}
