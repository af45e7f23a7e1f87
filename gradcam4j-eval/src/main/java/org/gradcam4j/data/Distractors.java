package org.gradcam4j.data;

import java.util.SplittableRandom;

/**
 * Clutter objects that are none of the target shapes: thick open polylines, worm-like blobs (a bent
 * chain of tapered capsules), clusters of small dots and thin open arcs. They are about as large as the targets
 * and painted from the same colour and fill distributions, so a target is not "the only object" nor
 * "the object with the odd colour". Rules that keep them from being mistaken for a class: polylines
 * stay open, arcs span at most 220 degrees (never a ring), dots are far smaller than any circle target
 * and worms are bent chains of at least two links. Lengths are given for 64x64 images and
 * scaled with the image.
 */
final class Distractors {
  private Distractors() {}

  /** A random distractor centred on the origin, in pixels; {@code s} is the image size over 64. */
  static Region random(SplittableRandom rnd, double s) {
    return switch (rnd.nextInt(4)) {
      case 0 -> polyline(rnd, s);
      case 1 -> worm(rnd, s);
      case 2 -> dots(rnd, s);
      default -> arc(rnd, s);
    };
  }

  private static Region polyline(SplittableRandom rnd, double s) {
    int segments = 1 + rnd.nextInt(4);
    double[] xs = new double[segments + 1];
    double[] ys = new double[segments + 1];
    double heading = rnd.nextDouble() * 2 * Math.PI;
    for (int k = 1; k <= segments; k++) {
      double length = (6 + 9 * rnd.nextDouble()) * s;
      xs[k] = xs[k - 1] + length * StrictMath.cos(heading);
      ys[k] = ys[k - 1] + length * StrictMath.sin(heading);
      // Turns of 30-150 degrees either way: never straight on, never folding back onto itself.
      double turn = Math.toRadians(30 + 120 * rnd.nextDouble());
      heading += rnd.nextBoolean() ? turn : -turn;
    }
    double halfWidth = (0.8 + 1.2 * rnd.nextDouble()) * s;
    centre(xs, ys);
    double radius = maxNorm(xs, ys) + halfWidth;
    double hw2 = halfWidth * halfWidth;
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        for (int k = 0; k < segments; k++) {
          if (segmentDistance2(x, y, xs[k], ys[k], xs[k + 1], ys[k + 1]) <= hw2) {
            return true;
          }
        }
        return false;
      }

      @Override
      public int classifyDisc(double x, double y, double r) {
        double nearest2 = Double.MAX_VALUE;
        for (int k = 0; k < segments; k++) {
          nearest2 = Math.min(nearest2, segmentDistance2(x, y, xs[k], ys[k], xs[k + 1], ys[k + 1]));
        }
        double nearest = Math.sqrt(nearest2);
        return nearest > halfWidth + r ? OUTSIDE : nearest + r <= halfWidth ? INSIDE : UNKNOWN;
      }

      @Override
      public double radius() {
        return radius;
      }
    };
  }

  private static Region worm(SplittableRandom rnd, double s) {
    // A chain of 3-6 joints of varying thickness, each link a tapered capsule: a smooth, elongated,
    // bent body.
    int joints = 3 + rnd.nextInt(4);
    double[] xs = new double[joints];
    double[] ys = new double[joints];
    double[] rs = new double[joints];
    double heading = rnd.nextDouble() * 2 * Math.PI;
    for (int k = 0; k < joints; k++) {
      rs[k] = (2.5 + 3 * rnd.nextDouble()) * s;
      if (k > 0) {
        double step = (0.9 + 0.5 * rnd.nextDouble()) * (rs[k - 1] + rs[k]);
        xs[k] = xs[k - 1] + step * StrictMath.cos(heading);
        ys[k] = ys[k - 1] + step * StrictMath.sin(heading);
        heading += Math.toRadians(-60 + 120 * rnd.nextDouble());
      }
    }
    centre(xs, ys);
    double radius = 0;
    for (int k = 0; k < joints; k++) {
      radius = Math.max(radius, StrictMath.hypot(xs[k], ys[k]) + rs[k]);
    }
    double bound = radius;
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        for (int k = 0; k + 1 < joints; k++) {
          double vx = xs[k + 1] - xs[k];
          double vy = ys[k + 1] - ys[k];
          double t = ((x - xs[k]) * vx + (y - ys[k]) * vy) / (vx * vx + vy * vy);
          t = Math.max(0, Math.min(1, t));
          double dx = x - xs[k] - t * vx;
          double dy = y - ys[k] - t * vy;
          double r = rs[k] + t * (rs[k + 1] - rs[k]);
          if (dx * dx + dy * dy <= r * r) {
            return true;
          }
        }
        return false;
      }

      @Override
      public int classifyDisc(double x, double y, double r) {
        // Every point of a link lies within the larger of its two radii of the axis, and every point
        // within the smaller radius belongs to it.
        boolean maybe = false;
        for (int k = 0; k + 1 < joints; k++) {
          double d = Math.sqrt(segmentDistance2(x, y, xs[k], ys[k], xs[k + 1], ys[k + 1]));
          if (d + r <= Math.min(rs[k], rs[k + 1])) {
            return INSIDE;
          }
          if (d <= Math.max(rs[k], rs[k + 1]) + r) {
            maybe = true;
          }
        }
        return maybe ? UNKNOWN : OUTSIDE;
      }

      @Override
      public double radius() {
        return bound;
      }
    };
  }

  private static Region dots(SplittableRandom rnd, double s) {
    int count = 3 + rnd.nextInt(5);
    double spread = (5 + 7 * rnd.nextDouble()) * s;
    double[] xs = new double[count];
    double[] ys = new double[count];
    double[] r2 = new double[count];
    double radius = 0;
    for (int k = 0; k < count; k++) {
      double a = rnd.nextDouble() * 2 * Math.PI;
      double d = spread * Math.sqrt(rnd.nextDouble());
      xs[k] = d * StrictMath.cos(a);
      ys[k] = d * StrictMath.sin(a);
      double r = (1.2 + 1.3 * rnd.nextDouble()) * s;
      r2[k] = r * r;
      radius = Math.max(radius, d + r);
    }
    double bound = radius;
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        for (int k = 0; k < count; k++) {
          double dx = x - xs[k];
          double dy = y - ys[k];
          if (dx * dx + dy * dy <= r2[k]) {
            return true;
          }
        }
        return false;
      }

      @Override
      public int classifyDisc(double x, double y, double r) {
        boolean maybe = false;
        for (int k = 0; k < count; k++) {
          double d = Math.sqrt((x - xs[k]) * (x - xs[k]) + (y - ys[k]) * (y - ys[k]));
          double rk = Math.sqrt(r2[k]);
          if (d + r <= rk) {
            return INSIDE;
          }
          if (d <= rk + r) {
            maybe = true;
          }
        }
        return maybe ? UNKNOWN : OUTSIDE;
      }

      @Override
      public double radius() {
        return bound;
      }
    };
  }

  private static Region arc(SplittableRandom rnd, double s) {
    double rho = (5 + 8 * rnd.nextDouble()) * s;
    double halfWidth = (0.8 + 1.0 * rnd.nextDouble()) * s;
    double halfSpan = Math.toRadians(30 + 80 * rnd.nextDouble());
    double mid = rnd.nextDouble() * 2 * Math.PI;
    double mx = StrictMath.cos(mid);
    double my = StrictMath.sin(mid);
    double cosHalfSpan = StrictMath.cos(halfSpan);
    // Centre the arc's bounding disc on the arc itself rather than on its (empty) circle centre.
    double shift = rho * (1 + cosHalfSpan) / 2;
    double radius = rho + halfWidth + shift;
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        double px = x + mx * shift;
        double py = y + my * shift;
        double d = Math.sqrt(px * px + py * py);
        return Math.abs(d - rho) <= halfWidth && px * mx + py * my >= d * cosHalfSpan;
      }

      @Override
      public int classifyDisc(double x, double y, double r) {
        // Only the outside of the full annulus is certain; the ends of the arc are left to the tests.
        double px = x + mx * shift;
        double py = y + my * shift;
        double d = Math.sqrt(px * px + py * py);
        return Math.abs(d - rho) > halfWidth + r ? OUTSIDE : UNKNOWN;
      }

      @Override
      public double radius() {
        return radius;
      }
    };
  }

  private static void centre(double[] xs, double[] ys) {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (int k = 0; k < xs.length; k++) {
      minX = Math.min(minX, xs[k]);
      maxX = Math.max(maxX, xs[k]);
      minY = Math.min(minY, ys[k]);
      maxY = Math.max(maxY, ys[k]);
    }
    double cx = (minX + maxX) / 2;
    double cy = (minY + maxY) / 2;
    for (int k = 0; k < xs.length; k++) {
      xs[k] -= cx;
      ys[k] -= cy;
    }
  }

  private static double maxNorm(double[] xs, double[] ys) {
    double m = 0;
    for (int k = 0; k < xs.length; k++) {
      m = Math.max(m, StrictMath.hypot(xs[k], ys[k]));
    }
    return m;
  }

  private static double segmentDistance2(double x, double y, double ax, double ay, double bx, double by) {
    double vx = bx - ax;
    double vy = by - ay;
    double len2 = vx * vx + vy * vy;
    double t = len2 == 0 ? 0 : ((x - ax) * vx + (y - ay) * vy) / len2;
    t = Math.max(0, Math.min(1, t));
    double dx = x - ax - t * vx;
    double dy = y - ay - t * vy;
    return dx * dx + dy * dy;
  }
}
