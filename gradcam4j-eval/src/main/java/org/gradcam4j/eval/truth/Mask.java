package org.gradcam4j.eval.truth;

import java.util.Arrays;
import java.util.Collection;

/**
 * A boolean per pixel of a {@code width x height} image, row by row ({@code inside[y * width + x]}):
 * a ground-truth mask, or the exact pixels of a synthetic object. Immutable: the constructor and
 * {@link #inside()} copy the array.
 */
public record Mask(int width, int height, boolean[] inside) {
  public Mask {
    if (width <= 0 || height <= 0 || inside.length != width * height) {
      throw new IllegalArgumentException("a " + width + "x" + height + " mask needs " + width * height
          + " entries, got " + inside.length);
    }
    inside = inside.clone();
  }

  /** A copy of the values, row by row. */
  @Override
  public boolean[] inside() {
    return inside.clone();
  }

  /** Whether pixel {@code (x, y)} is inside; false outside the image. */
  public boolean get(int x, int y) {
    return x >= 0 && y >= 0 && x < width && y < height && inside[y * width + x];
  }

  /** Number of pixels inside. */
  public int count() {
    int n = 0;
    for (boolean b : inside) {
      if (b) {
        n++;
      }
    }
    return n;
  }

  /** Whether no pixel is inside. */
  public boolean isEmpty() {
    for (boolean b : inside) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  /** Whether no pixel is inside both masks (which must have the same size). */
  public boolean isDisjointFrom(Mask other) {
    if (other.width != width || other.height != height) {
      throw new IllegalArgumentException("masks differ in size: " + width + "x" + height + " and "
          + other.width + "x" + other.height);
    }
    for (int i = 0; i < inside.length; i++) {
      if (inside[i] && other.inside[i]) {
        return false;
      }
    }
    return true;
  }

  /** The mask of all pixels whose centre lies in one of {@code boxes}. */
  public static Mask ofBoxes(Collection<Box> boxes, int width, int height) {
    boolean[] in = new boolean[width * height];
    for (Box b : boxes) {
      // pixel i is inside when x0 <= i + 0.5 < x1
      int xs = (int) Math.max(0, Math.ceil(b.x0() - 0.5));
      int xe = (int) Math.min(width, Math.ceil(b.x1() - 0.5));
      int ys = (int) Math.max(0, Math.ceil(b.y0() - 0.5));
      int ye = (int) Math.min(height, Math.ceil(b.y1() - 0.5));
      for (int y = ys; y < ye; y++) {
        Arrays.fill(in, y * width + xs, y * width + Math.max(xs, xe), true);
      }
    }
    return new Mask(width, height, in);
  }

  /** The tight box around the mask's pixels (upper corner exclusive), or null when the mask is empty. */
  public Box boundingBox() {
    int minX = width;
    int minY = height;
    int maxX = -1;
    int maxY = -1;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        if (inside[y * width + x]) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    return maxX < 0 ? null : new Box(minX, minY, maxX + 1, maxY + 1);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Mask m && m.width == width && m.height == height && Arrays.equals(m.inside, inside);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * width + height) + Arrays.hashCode(inside);
  }

  @Override
  public String toString() {
    return "Mask[" + width + "x" + height + ", " + count() + " pixels]";
  }
}
