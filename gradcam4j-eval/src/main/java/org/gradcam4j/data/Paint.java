package org.gradcam4j.data;

import java.util.SplittableRandom;

/**
 * How an object is filled: a flat colour, a linear gradient to a shade of it, or stripes of the
 * colour and its shade. The style is drawn from one distribution for targets and distractors alike,
 * so neither the fill nor the colour tells a target from clutter or one class from another.
 */
final class Paint {
  private enum Style { FLAT, GRADIENT, STRIPES }

  private final Style style;
  private final double[] colour;
  private final double[] shade;
  private final double dirX;
  private final double dirY;
  private final double originX;
  private final double originY;
  private final double length;

  private Paint(Style style, double[] colour, double[] shade, double dirX, double dirY, double originX,
      double originY, double length) {
    this.style = style;
    this.colour = colour;
    this.shade = shade;
    this.dirX = dirX;
    this.dirY = dirY;
    this.originX = originX;
    this.originY = originY;
    this.length = length;
  }

  /** A flat fill of one colour. */
  static Paint flat(double[] colour) {
    return new Paint(Style.FLAT, colour, colour, 1, 0, 0, 0, 1);
  }

  /**
   * A random fill of base colour {@code colour} for an object centred at (cx, cy) of about
   * {@code extent} pixels; {@code scale} is the image size over 64.
   */
  static Paint random(SplittableRandom rnd, double[] colour, double cx, double cy, double extent,
      double scale) {
    double p = rnd.nextDouble();
    Style style = p < 0.55 ? Style.FLAT : p < 0.85 ? Style.GRADIENT : Style.STRIPES;
    double[] shade = Colours.shadeOf(rnd, colour);
    double angle = rnd.nextDouble() * 2 * Math.PI;
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double length = style == Style.STRIPES ? (2.5 + 2.5 * rnd.nextDouble()) * scale : Math.max(extent, 2);
    return new Paint(style, colour, shade, dx, dy, cx - dx * length / 2, cy - dy * length / 2, length);
  }

  /** Writes the RGB colour (0..255 each) at the centre of pixel (x, y) into {@code out}. */
  void colourAt(int x, int y, double[] out) {
    double t = ((x + 0.5 - originX) * dirX + (y + 0.5 - originY) * dirY) / length;
    switch (style) {
      case FLAT -> copy(colour, out);
      case GRADIENT -> {
        double w = Math.max(0, Math.min(1, t));
        for (int c = 0; c < 3; c++) {
          out[c] = colour[c] + (shade[c] - colour[c]) * w;
        }
      }
      case STRIPES -> copy(Math.floorMod((long) Math.floor(t), 2L) == 0 ? colour : shade, out);
      default -> throw new IllegalStateException(style.toString());
    }
  }

  private static void copy(double[] from, double[] to) {
    to[0] = from[0];
    to[1] = from[1];
    to[2] = from[2];
  }
}
