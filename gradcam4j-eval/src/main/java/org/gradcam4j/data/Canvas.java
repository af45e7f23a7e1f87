package org.gradcam4j.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;

/**
 * The square image being painted, in double precision, plus the share of every pixel that each
 * target still owns. Painting a figure with coverage {@code c} (a multiple of 1/16) over a pixel keeps
 * {@code 1 - c} of what was there, so a target's share is exactly the part of the final colour that
 * comes from it; its mask is the pixels where that share is at least one half. Shares are products of
 * multiples of 1/16, which doubles hold exactly, so the mask never depends on rounding.
 */
final class Canvas {
  final int size;
  private final double[] rgb;
  private final List<double[]> shares = new ArrayList<>();
  private final double[] colour = new double[3];

  Canvas(int size) {
    this.size = size;
    this.rgb = new double[size * size * 3];
  }

  void set(int index, double r, double g, double b) {
    rgb[3 * index] = r;
    rgb[3 * index + 1] = g;
    rgb[3 * index + 2] = b;
  }

  /** Moves pixel {@code index} towards {@code c} by {@code weight} (0..1). */
  void blend(int index, double[] c, double weight) {
    for (int k = 0; k < 3; k++) {
      rgb[3 * index + k] += (c[k] - rgb[3 * index + k]) * weight;
    }
  }

  /**
   * The RGB values of the pixels that {@code sprite} covers or that lie within {@code margin} pixels
   * (horizontally and vertically) of one it covers, clipped to the image: what an object placed there
   * will be seen against.
   */
  double[] pixelsAround(Sprite sprite, int margin) {
    // Dilate the covered pixels by the margin, rows first, then columns, on the grown rectangle.
    int gx0 = sprite.x0 - margin;
    int gy0 = sprite.y0 - margin;
    int gw = sprite.width + 2 * margin;
    int gh = sprite.height + 2 * margin;
    boolean[] rows = new boolean[gw * gh];
    for (int j = margin; j < gh - margin; j++) {
      for (int i = 0; i < gw; i++) {
        for (int d = -margin; d <= margin && !rows[j * gw + i]; d++) {
          rows[j * gw + i] = sprite.coverageAt(gx0 + i + d, gy0 + j) > 0;
        }
      }
    }
    double[] out = new double[gw * gh * 3];
    int k = 0;
    for (int j = 0; j < gh; j++) {
      int y = gy0 + j;
      if (y < 0 || y >= size) {
        continue;
      }
      for (int i = 0; i < gw; i++) {
        int x = gx0 + i;
        if (x < 0 || x >= size) {
          continue;
        }
        boolean near = false;
        for (int d = Math.max(-margin, -j); d <= margin && j + d < gh && !near; d++) {
          near = rows[(j + d) * gw + i];
        }
        if (near) {
          System.arraycopy(rgb, 3 * (y * size + x), out, k, 3);
          k += 3;
        }
      }
    }
    return Arrays.copyOf(out, k);
  }

  /** Paints a non-target figure over everything so far. */
  void draw(Sprite sprite, Paint paint) {
    composite(sprite, paint, null);
  }

  /** Paints a target over everything so far and starts tracking its share; returns its index. */
  int drawTarget(Sprite sprite, Paint paint) {
    double[] share = new double[size * size];
    composite(sprite, paint, share);
    shares.add(share);
    return shares.size() - 1;
  }

  private void composite(Sprite sprite, Paint paint, double[] ownShare) {
    int ax = Math.max(0, sprite.x0);
    int ay = Math.max(0, sprite.y0);
    int bx = Math.min(size, sprite.x0 + sprite.width);
    int by = Math.min(size, sprite.y0 + sprite.height);
    for (int y = ay; y < by; y++) {
      for (int x = ax; x < bx; x++) {
        int cov = sprite.coverageAt(x, y);
        if (cov == 0) {
          continue;
        }
        double c = (double) cov / Sprite.FULL;
        int index = y * size + x;
        paint.colourAt(x, y, colour);
        blend(index, colour, c);
        for (double[] share : shares) {
          share[index] *= 1 - c;
        }
        if (ownShare != null) {
          ownShare[index] = c;
        }
      }
    }
  }

  int targetCount() {
    return shares.size();
  }

  /** Pixels that target {@code target} currently owns (share at least one half). */
  int maskCount(int target) {
    int n = 0;
    for (double s : shares.get(target)) {
      if (s >= 0.5) {
        n++;
      }
    }
    return n;
  }

  /** How many of the target's mask pixels painting {@code sprite} on top would take away. */
  int maskPixelsLostBy(Sprite sprite, int target) {
    double[] share = shares.get(target);
    int lost = 0;
    int ax = Math.max(0, sprite.x0);
    int ay = Math.max(0, sprite.y0);
    int bx = Math.min(size, sprite.x0 + sprite.width);
    int by = Math.min(size, sprite.y0 + sprite.height);
    for (int y = ay; y < by; y++) {
      for (int x = ax; x < bx; x++) {
        int cov = sprite.coverageAt(x, y);
        double s = share[y * size + x];
        if (cov > 0 && s >= 0.5 && s * (1 - (double) cov / Sprite.FULL) < 0.5) {
          lost++;
        }
      }
    }
    return lost;
  }

  Mask mask(int target) {
    double[] share = shares.get(target);
    boolean[] bits = new boolean[share.length];
    for (int i = 0; i < share.length; i++) {
      bits[i] = share[i] >= 0.5;
    }
    return new Mask(size, size, bits);
  }

  /**
   * The final 8-bit image, with sensor-like noise of standard deviation about {@code sigma}: a
   * brightness part shared by the three channels and a smaller colour part.
   */
  RgbImage toImage(SplittableRandom rnd, double sigma) {
    byte[] bytes = new byte[rgb.length];
    // Noise from the bits of nextLong(), not nextGaussian(): cheap, and independent of the JDK's
    // Gaussian algorithm. The sum of four uniforms has standard deviation 1/sqrt(3) (in units of one
    // uniform's range), so the brightness part has standard deviation sigma.
    double luminance = sigma * Math.sqrt(3) / 65536;
    double chroma = sigma / 3 / 32768;
    for (int i = 0; i < size * size; i++) {
      long a = rnd.nextLong();
      long b = rnd.nextLong();
      double shared = luminance * ((a & 0xffff) + (a >>> 16 & 0xffff) + (a >>> 32 & 0xffff) + (a >>> 48) - 2 * 65535);
      for (int k = 0; k < 3; k++) {
        double v = rgb[3 * i + k] + shared + chroma * ((b >>> (16 * k) & 0xffff) - 32768);
        bytes[3 * i + k] = (byte) Math.max(0, Math.min(255, (int) Math.round(v)));
      }
    }
    return new RgbImage(size, size, bytes);
  }
}
