package org.gradcam4j.data;

import java.util.SplittableRandom;

/**
 * The one colour distribution of the benchmark: every background layer, target and distractor draws
 * from it, so colour carries no class information. Objects are only steered away from the colours
 * under and around them, which keeps them visible and is the same rule for every class.
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
   * A random colour that stands out from {@code surroundings} (RGB triples): its distance to their
   * mean colour must reach {@code minContrast}, and at most one in twenty of them may lie within half
   * that distance of it. The second rule keeps an object from merging with a touching neighbour of its
   * own colour, which the mean would hide. After a bounded number of tries the best candidate is taken.
   */
  static double[] contrasting(SplittableRandom rnd, double[] surroundings, double minContrast) {
    double[] region = surroundings.length == 0 ? new double[] {127.5, 127.5, 127.5} : surroundings;
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
    double near2 = minContrast * minContrast / 4;
    double[] best = null;
    double bestScore = -1;
    for (int attempt = 0; attempt < 32; attempt++) {
      double[] candidate = random(rnd);
      double toMean = distance(candidate, mr, mg, mb);
      int similar = 0;
      for (int i = 0; i < n; i++) {
        double dr = candidate[0] - region[3 * i];
        double dg = candidate[1] - region[3 * i + 1];
        double db = candidate[2] - region[3 * i + 2];
        if (dr * dr + dg * dg + db * db < near2) {
          similar++;
        }
      }
      double similarShare = similar / (double) n;
      if (toMean >= minContrast && similarShare <= 0.05) {
        return candidate;
      }
      double score = Math.min(toMean, minContrast) * (1 - similarShare);
      if (score > bestScore) {
        best = candidate;
        bestScore = score;
      }
    }
    return best;
  }
}
