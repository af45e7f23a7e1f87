package org.gradcam4j.data;

import java.util.SplittableRandom;

/**
 * Cluttered backgrounds: a two-colour gradient under a random mix of stripes, checks, smooth value
 * noise and soft blobs, each with its own colour, scale, angle and strength. Texture periods (3-10 px
 * at 64x64) stay well below target sizes, and blobs have no edges, so no background element reads as
 * a target shape. All lengths scale with the image size.
 */
final class Backgrounds {
  private Backgrounds() {}

  /** A plain two-colour gradient, for easy samples. */
  static void paintPlain(Canvas canvas, SplittableRandom rnd) {
    gradient(canvas, rnd);
  }

  static void paint(Canvas canvas, SplittableRandom rnd) {
    int n = canvas.size;
    double s = n / 64.0;
    gradient(canvas, rnd);
    boolean stripes = rnd.nextDouble() < 0.45;
    boolean checks = rnd.nextDouble() < 0.35;
    boolean noise = rnd.nextDouble() < 0.5;
    boolean blobs = rnd.nextDouble() < 0.5;
    if (!(stripes || checks || noise || blobs)) {
      // Every background gets at least one texture: a plain gradient would make the objects the only
      // structure in the image.
      switch (rnd.nextInt(4)) {
        case 0 -> stripes = true;
        case 1 -> checks = true;
        case 2 -> noise = true;
        default -> blobs = true;
      }
    }
    if (noise) {
      valueNoise(canvas, rnd);
    }
    if (blobs) {
      blobs(canvas, rnd, s);
    }
    if (stripes) {
      stripes(canvas, rnd, s);
    }
    if (checks) {
      checks(canvas, rnd, s);
    }
  }

  private static void gradient(Canvas canvas, SplittableRandom rnd) {
    int n = canvas.size;
    double[] a = Colours.random(rnd);
    double[] b = Colours.random(rnd);
    double angle = rnd.nextDouble() * 2 * Math.PI;
    double dx = StrictMath.cos(angle);
    double dy = StrictMath.sin(angle);
    double half = n / 2.0;
    double span = n * Math.sqrt(2);
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double t = ((x + 0.5 - half) * dx + (y + 0.5 - half) * dy) / span + 0.5;
        canvas.set(y * n + x, a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t);
      }
    }
  }

  private static void stripes(Canvas canvas, SplittableRandom rnd, double s) {
    int n = canvas.size;
    double[] c = Colours.random(rnd);
    double alpha = 0.3 + 0.45 * rnd.nextDouble();
    double period = (3 + 7 * rnd.nextDouble()) * s;
    double duty = 0.3 + 0.4 * rnd.nextDouble();
    double angle = rnd.nextDouble() * Math.PI;
    double dx = StrictMath.cos(angle) / period;
    double dy = StrictMath.sin(angle) / period;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double t = (x + 0.5) * dx + (y + 0.5) * dy;
        if (t - Math.floor(t) < duty) {
          canvas.blend(y * n + x, c, alpha);
        }
      }
    }
  }

  private static void checks(Canvas canvas, SplittableRandom rnd, double s) {
    int n = canvas.size;
    double[] c = Colours.random(rnd);
    double alpha = 0.3 + 0.45 * rnd.nextDouble();
    double cell = (3 + 5 * rnd.nextDouble()) * s;
    double angle = rnd.nextDouble() * Math.PI / 2;
    double cos = StrictMath.cos(angle) / cell;
    double sin = StrictMath.sin(angle) / cell;
    for (int y = 0; y < n; y++) {
      for (int x = 0; x < n; x++) {
        double px = x + 0.5;
        double py = y + 0.5;
        long u = (long) Math.floor(px * cos + py * sin);
        long v = (long) Math.floor(-px * sin + py * cos);
        if (((u + v) & 1) == 0) {
          canvas.blend(y * n + x, c, alpha);
        }
      }
    }
  }

  private static void valueNoise(Canvas canvas, SplittableRandom rnd) {
    int n = canvas.size;
    double[] c = Colours.random(rnd);
    double alpha = 0.4 + 0.5 * rnd.nextDouble();
    int cells = 2 + rnd.nextInt(5);
    double[] lattice = new double[(cells + 1) * (cells + 1)];
    for (int i = 0; i < lattice.length; i++) {
      lattice[i] = rnd.nextDouble();
    }
    for (int y = 0; y < n; y++) {
      double gy = (y + 0.5) * cells / n;
      int j = (int) gy;
      double fy = smooth(gy - j);
      for (int x = 0; x < n; x++) {
        double gx = (x + 0.5) * cells / n;
        int i = (int) gx;
        double fx = smooth(gx - i);
        double top = lattice[j * (cells + 1) + i] * (1 - fx) + lattice[j * (cells + 1) + i + 1] * fx;
        double bottom = lattice[(j + 1) * (cells + 1) + i] * (1 - fx) + lattice[(j + 1) * (cells + 1) + i + 1] * fx;
        canvas.blend(y * n + x, c, alpha * (top * (1 - fy) + bottom * fy));
      }
    }
  }

  private static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  private static void blobs(Canvas canvas, SplittableRandom rnd, double s) {
    int n = canvas.size;
    int count = 2 + rnd.nextInt(5);
    for (int k = 0; k < count; k++) {
      double[] c = Colours.random(rnd);
      double alpha = 0.3 + 0.4 * rnd.nextDouble();
      double cx = rnd.nextDouble() * n;
      double cy = rnd.nextDouble() * n;
      double r = (6 + 12 * rnd.nextDouble()) * s;
      int x0 = Math.max(0, (int) Math.floor(cx - r));
      int x1 = Math.min(n, (int) Math.ceil(cx + r));
      int y0 = Math.max(0, (int) Math.floor(cy - r));
      int y1 = Math.min(n, (int) Math.ceil(cy + r));
      for (int y = y0; y < y1; y++) {
        for (int x = x0; x < x1; x++) {
          double dx = x + 0.5 - cx;
          double dy = y + 0.5 - cy;
          double d = (dx * dx + dy * dy) / (r * r);
          if (d < 1) {
            // (1 - d)^2 falls smoothly to zero: a blob has no edge a network could mistake for a shape.
            canvas.blend(y * n + x, c, alpha * (1 - d) * (1 - d));
          }
        }
      }
    }
  }
}
