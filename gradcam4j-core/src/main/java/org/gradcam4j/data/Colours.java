package org.gradcam4j.data;

import java.util.SplittableRandom;

/**
 * The one colour distribution of the benchmark: every background layer, target and distractor draws
 * from it, so colour carries no class information. Objects are only steered away from the colours
 * already under them, which keeps them visible and is the same rule for every class.
 */
final class Colours {
  private Colours() {}

  /** A random colour: uniform hue, uniform saturation, value in [0.15, 1]; RGB 0..255. */
  static double[] random(SplittableRandom rnd) {
    double h = rnd.nextDouble() * 6;
    double s = rnd.nextDouble();
    double v = 0.15 + 0.85 * rnd.nextDouble();
    int sector = (int) h;
    double f = h - sector;
    double p = v * (1 - s);
    double q = v * (1 - s * f);
    double t = v * (1 - s * (1 - f));
    double r;
    double g;
    double b;
    switch (sector) {
      case 0 -> { r = v; g = t; b = p; }
      case 1 -> { r = q; g = v; b = p; }
      case 2 -> { r = p; g = v; b = t; }
      case 3 -> { r = p; g = q; b = v; }
      case 4 -> { r = t; g = p; b = v; }
      default -> { r = v; g = p; b = q; }
    }
    return new double[] {255 * r, 255 * g, 255 * b};
  }

  /** A darker or lighter version of {@code colour}, for gradients and stripes inside one object. */
  static double[] shadeOf(SplittableRandom rnd, double[] colour) {
    boolean darker = rnd.nextBoolean();
    double amount = 0.25 + 0.25 * rnd.nextDouble();
    double[] shade = new double[3];
    for (int c = 0; c < 3; c++) {
      shade[c] = darker ? colour[c] * (1 - amount) : colour[c] + (255 - colour[c]) * amount;
    }
    return shade;
  }

  static double distance(double[] a, double r, double g, double b) {
    double dr = a[0] - r;
    double dg = a[1] - g;
    double db = a[2] - b;
    return Math.sqrt(dr * dr + dg * dg + db * db);
  }

  /**
   * A random colour that stands out from the canvas inside {@code box} (image pixels, clipped): both
   * its distance to the mean colour there and its mean distance to the individual pixels must reach
   * {@code minContrast}. After a bounded number of tries the best candidate is taken.
   */
  static double[] contrasting(SplittableRandom rnd, Canvas canvas, int x0, int y0, int x1, int y1,
      double minContrast) {
    double[] region = canvas.pixels(x0, y0, x1, y1);
    int n = region.length / 3;
    double mr = 0;
    double mg = 0;
    double mb = 0;
    for (int i = 0; i < n; i++) {
      mr += region[3 * i];
      mg += region[3 * i + 1];
      mb += region[3 * i + 2];
    }
    mr /= n;
    mg /= n;
    mb /= n;
    double[] best = null;
    double bestScore = -1;
    for (int attempt = 0; attempt < 24; attempt++) {
      double[] candidate = random(rnd);
      double score = distance(candidate, mr, mg, mb);
      if (score > bestScore) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
          sum += distance(candidate, region[3 * i], region[3 * i + 1], region[3 * i + 2]);
        }
        score = Math.min(score, sum / n);
      }
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
      if (bestScore >= minContrast) {
        break;
      }
    }
    return best;
  }
}
