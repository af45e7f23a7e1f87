package org.gradcam4j.image;

/**
 * Draws an explanation map over the photo it explains, in the style of pytorch-grad-cam's {@code
 * show_cam_on_image}: the map is coloured with a colormap and alpha-blended onto the image.
 */
public final class Overlay {
  private Overlay() {}

  /**
   * Colours a map of values in [0, 1] (row-major, {@code width * height} values): each value goes
   * to level {@code uint8(255 * value)} (truncated, as NumPy does) of {@code colormap}.
   */
  public static RgbImage heatmap(float[] map01, int width, int height, Colormap colormap) {
    checkSize(map01, width, height);
    byte[] out = new byte[width * height * 3];
    for (int i = 0; i < map01.length; i++) {
      int rgb = colormap.rgbOf(map01[i]);
      out[i * 3] = (byte) (rgb >> 16);
      out[i * 3 + 1] = (byte) (rgb >> 8);
      out[i * 3 + 2] = (byte) rgb;
    }
    return new RgbImage(width, height, out);
  }

  /**
   * {@code (1 - alpha) * base + alpha * heat}, rounded to the nearest level, where {@code heat} is
   * {@link #heatmap} of the map; the map must have the base image's size (see {@link
   * MapOps#scaleCam} to bring a layer-resolution map there).
   *
   * @param alpha weight of the heat map, 0 (photo only) to 1 (heat map only)
   */
  public static RgbImage blend(RgbImage base, float[] map01, Colormap colormap, float alpha) {
    if (!(alpha >= 0f && alpha <= 1f)) {
      throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
    }
    RgbImage heat = heatmap(map01, base.width(), base.height(), colormap);
    byte[] b = base.pixels();
    byte[] h = heat.pixels();
    byte[] out = new byte[b.length];
    float keep = 1f - alpha;
    for (int i = 0; i < b.length; i++) {
      int v = Math.round(keep * (b[i] & 0xff) + alpha * (h[i] & 0xff));
      out[i] = (byte) Math.max(0, Math.min(255, v));
    }
    return new RgbImage(base.width(), base.height(), out);
  }

  private static void checkSize(float[] map, int width, int height) {
    if (map.length != width * height) {
      throw new IllegalArgumentException("the map has " + map.length + " values but the image is " + width + "x"
          + height + " (" + width * height + " pixels); resize the map to the image size first");
    }
  }
}
