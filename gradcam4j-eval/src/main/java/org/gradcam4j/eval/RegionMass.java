package org.gradcam4j.eval;

import org.gradcam4j.eval.truth.Mask;

/**
 * The share of a map's positive mass that lies inside given regions: {@code sum(max(m, 0)) over the
 * region / sum(max(m, 0)) over the image}. Score-CAM (Wang et al., CVPR Workshops 2020) calls it the
 * energy-based pointing game; the bias study uses it to ask whether an explanation rests on the object
 * or on a spurious cue. Negative values are evidence against the class and do not count. A map with no
 * positive value has no mass anywhere and scores 0.
 */
public final class RegionMass {
  private RegionMass() {}

  /** The share (0..1) of {@code map}'s positive mass inside {@code region}, which has the map's size. */
  public static double shareInside(SaliencyMap map, Mask region) {
    map.requireFinite("the saliency map");
    if (region.width() != map.width() || region.height() != map.height()) {
      throw new IllegalArgumentException("region mask is " + region.width() + "x" + region.height()
          + " but the map is " + map.width() + "x" + map.height());
    }
    float[] v = map.values();
    double total = 0;
    double inside = 0;
    for (int i = 0; i < v.length; i++) {
      if (v[i] > 0) {
        total += v[i];
        if (region.get(i % map.width(), i / map.width())) {
          inside += v[i];
        }
      }
    }
    return total > 0 ? inside / total : 0;
  }
}
