package org.gradcam4j.render;

import org.gradcam4j.image.AttributionMode;
import org.gradcam4j.image.Colormap;

/**
 * How explanations are drawn.
 *
 * @param colormap colours of heat-maps laid over the image (layer and input-resolution maps)
 * @param alpha opacity of the heat-map over the image, 0..1
 * @param pixelColormap colours of pixel attributions, which are drawn on their own
 * @param attributionMode which part of a pixel attribution to show (absolute, positive, negative,
 *     or signed in a diverging palette; auto: absolute, and for a counterfactual target the evidence
 *     against the class)
 * @param percentile pixel attributions are clipped at this percentile of their magnitudes (outliers
 *     would otherwise wash out the picture)
 */
public record RenderOptions(Colormap colormap, float alpha, Colormap pixelColormap, AttributionMode attributionMode,
    double percentile) {
  public RenderOptions {
    if (alpha < 0 || alpha > 1) {
      throw new IllegalArgumentException("alpha must be within 0..1, got " + alpha);
    }
    if (percentile <= 0 || percentile > 100) {
      throw new IllegalArgumentException("percentile must be within (0, 100], got " + percentile);
    }
  }

  public static RenderOptions defaults() {
    return new RenderOptions(Colormap.JET, 0.5f, Colormap.INFERNO, AttributionMode.AUTO, 99.0);
  }
}
