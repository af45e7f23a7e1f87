package org.gradcam4j.render;

import org.gradcam4j.image.AttributionImage;
import org.gradcam4j.image.AttributionMode;
import org.gradcam4j.image.Colormap;
import org.gradcam4j.image.Overlay;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.methods.Explanation;

/**
 * Draws an explanation: class activation and input-resolution maps as a heat-map over the
 * pre-processed image (like pytorch-grad-cam's {@code show_cam_on_image}); pixel attributions on
 * their own, clipped at a percentile, signed ones in a diverging palette.
 */
public final class ExplanationRenderer {
  private ExplanationRenderer() {}

  public static RgbImage render(Explanation e, RgbImage image, RenderOptions o) {
    if (e.attribution() != null) {
      AttributionMode mode = o.attributionMode().forTarget(e.target().isCounterfactual());
      Colormap colors = mode == AttributionMode.SIGNED && !o.pixelColormap().isDiverging()
          ? Colormap.COOLWARM : o.pixelColormap();
      return AttributionImage.render(e.attribution(), mode, o.percentile(), colors);
    }
    float[] map = e.displayMap(image.height(), image.width());
    return Overlay.blend(image, map, o.colormap(), o.alpha());
  }
}
