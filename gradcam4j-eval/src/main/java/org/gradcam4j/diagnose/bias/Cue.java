package org.gradcam4j.diagnose.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;

/**
 * The spurious cue: a solid square of one of eight saturated colours, one colour per class, in a corner
 * of the image, 2 pixels in from the border. Its side is 14 % of the image side (9 pixels at 64x64),
 * about 2 % of the image. It is put in a corner whose square stays clear of the object's box, chosen at
 * random among those, so neither its place nor the object's tells the class: only its colour does.
 * The shape never needs it.
 */
final class Cue {
  /** One colour per class position; saturated, so it stands out on the benchmark's backgrounds. */
  private static final int[][] COLOURS = {
    {235, 20, 20}, {20, 60, 240}, {250, 220, 10}, {20, 200, 60},
    {230, 20, 230}, {10, 220, 230}, {255, 255, 255}, {0, 0, 0}
  };
  static final int MAX_CLASSES = COLOURS.length;
  private static final int INSET = 2;

  private Cue() {}

  /** Side of the square on a {@code size x size} image. */
  static int side(int size) {
    return Math.max(4, (int) Math.round(size * 0.14));
  }

  /**
   * The cue's square on a {@code size x size} image holding an object in {@code object}: a corner
   * clear of the box, chosen with {@code random}.
   */
  static Box place(int size, Box object, SplittableRandom random) {
    int side = side(size);
    int far = size - INSET - side;
    List<Box> free = new ArrayList<>();
    for (int corner = 0; corner < 4; corner++) {
      int x = (corner & 1) == 0 ? INSET : far;
      int y = (corner & 2) == 0 ? INSET : far;
      Box square = new Box(x, y, x + side, y + side);
      if (!square.intersects(object)) {
        free.add(square);
      }
    }
    if (free.isEmpty()) {
      // The object's box is at most 37 of 64 pixels wide, so a corner is always free; a precondition.
      throw new IllegalStateException("no corner of the " + size + "x" + size + " image is clear of " + object);
    }
    return free.get(random.nextInt(free.size()));
  }

  /** A copy of {@code image} with the cue of class position {@code cueClass} painted over {@code square}. */
  static RgbImage paint(RgbImage image, Box square, int cueClass) {
    RgbImage out = new RgbImage(image.width(), image.height(), image.pixels().clone());
    int[] colour = COLOURS[cueClass];
    for (int y = (int) square.y0(); y < square.y1(); y++) {
      for (int x = (int) square.x0(); x < square.x1(); x++) {
        for (int c = 0; c < 3; c++) {
          out.set(x, y, c, colour[c]);
        }
      }
    }
    return out;
  }

  /** The square's pixels as a mask of a {@code size x size} image. */
  static Mask mask(int size, Box square) {
    return Mask.ofBoxes(List.of(square), size, size);
  }
}
