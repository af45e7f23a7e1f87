package org.gradcam4j.inspect.visualize;

import java.util.Random;

/**
 * The window of the canvas that the model sees in one step: a V x V image sampled bilinearly from the
 * S x S canvas around its centre, shifted by (dx, dy), scaled by {@code scale} (more than 1 zooms in)
 * and rotated by {@code angle} radians. Olah et al. (2017) call this transformation robustness: a
 * pattern that still excites the unit after small random shifts, zooms and turns is a feature, not an
 * adversarial coincidence of pixels. Sampling wraps around the canvas edges, which the Fourier
 * parameterisation makes periodic anyway.
 */
record View(double dx, double dy, double scale, double angle) {
  /** The identity view: the centre crop the final image is taken from. */
  static final View CENTRE = new View(0, 0, 1, 0);

  /** Lucid's standard robustness: jitter of a few pixels, scale 0.9..1.1, rotation -10..10 degrees. */
  static View random(Random random, int jitter) {
    double dx = random.nextInt(2 * jitter + 1) - jitter;
    double dy = random.nextInt(2 * jitter + 1) - jitter;
    double scale = 0.9 + 0.02 * random.nextInt(11);
    double angle = Math.toRadians(random.nextInt(21) - 10);
    return new View(dx, dy, scale, angle);
  }

  /** Samples the view: [3, V, V] from [3, S, S]. */
  float[] sample(float[] canvas, int s, int v) {
    float[] out = new float[3 * v * v];
    walk(s, v, (o, i00, i01, i10, i11, w00, w01, w10, w11) -> {
      for (int c = 0; c < 3; c++) {
        int bc = c * s * s;
        out[c * v * v + o] = (float) (w00 * canvas[bc + i00] + w01 * canvas[bc + i01]
            + w10 * canvas[bc + i10] + w11 * canvas[bc + i11]);
      }
    });
    return out;
  }

  /** The adjoint of {@link #sample}: scatters a gradient over the view back onto the canvas. */
  float[] scatter(float[] gradView, int s, int v) {
    float[] out = new float[3 * s * s];
    walk(s, v, (o, i00, i01, i10, i11, w00, w01, w10, w11) -> {
      for (int c = 0; c < 3; c++) {
        int bc = c * s * s;
        float g = gradView[c * v * v + o];
        out[bc + i00] += (float) (w00 * g);
        out[bc + i01] += (float) (w01 * g);
        out[bc + i10] += (float) (w10 * g);
        out[bc + i11] += (float) (w11 * g);
      }
    });
    return out;
  }

  private interface Tap {
    void at(int out, int i00, int i01, int i10, int i11, double w00, double w01, double w10, double w11);
  }

  /** Visits every view pixel with its four canvas neighbours and their bilinear weights. */
  private void walk(int s, int v, Tap tap) {
    double cos = Math.cos(angle) / scale;
    double sin = Math.sin(angle) / scale;
    double centreView = (v - 1) / 2.0;
    double centreCanvas = (s - 1) / 2.0;
    for (int y = 0; y < v; y++) {
      double vy = y - centreView;
      for (int x = 0; x < v; x++) {
        double vx = x - centreView;
        double cx = cos * vx - sin * vy + centreCanvas + dx;
        double cy = sin * vx + cos * vy + centreCanvas + dy;
        int x0 = (int) Math.floor(cx);
        int y0 = (int) Math.floor(cy);
        double fx = cx - x0;
        double fy = cy - y0;
        // Wrap around the canvas (x0 + 1 is the next column, or column 0 after the last).
        int xa = x0 % s;
        if (xa < 0) {
          xa += s;
        }
        int xb = xa + 1 == s ? 0 : xa + 1;
        int yr = y0 % s;
        if (yr < 0) {
          yr += s;
        }
        int ya = yr * s;
        int yb = yr + 1 == s ? 0 : ya + s;
        tap.at(y * v + x, ya + xa, ya + xb, yb + xa, yb + xb,
            (1 - fx) * (1 - fy), fx * (1 - fy), (1 - fx) * fy, fx * fy);
      }
    }
  }
}
