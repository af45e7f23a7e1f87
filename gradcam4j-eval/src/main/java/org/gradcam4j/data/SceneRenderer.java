package org.gradcam4j.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;

/**
 * Paints one scene from a random stream: background, distractors behind the targets, the targets,
 * distractors in front of them, noise. Every random draw comes from the given stream in a fixed order,
 * so the same stream state always gives the same image.
 */
final class SceneRenderer {
  /** Largest part of a target's pixels that distractors painted over it may take away. */
  static final double MAX_OCCLUDED_FRACTION = 0.10;
  /** Nominal target diameter as a fraction of the image side (a circle has exactly this diameter). */
  static final double MIN_DIAMETER = 0.24;
  static final double MAX_DIAMETER = 0.44;
  /** Targets of a pair are drawn smaller so that two fit side by side. */
  static final double PAIR_SCALE = 0.8;
  /** Pixels kept free between a target and the image border, and between the two targets of a pair. */
  private static final int BORDER = 1;
  private static final int GAP = 2;
  /** Minimum colour distance (RGB, 0..441) from what lies under an object. */
  private static final double TARGET_CONTRAST = 110;
  private static final double DISTRACTOR_CONTRAST = 90;

  private final int size;
  private final double scale;

  SceneRenderer(int size) {
    this.size = size;
    this.scale = size / 64.0;
  }

  LabelledImage render(SplittableRandom rnd, List<TargetShape> shapes, double sizeScale) {
    return render(rnd, shapes, sizeScale, true);
  }

  /** With {@code clutter} false: a plain gradient background, no distractors (easy samples). */
  LabelledImage render(SplittableRandom rnd, List<TargetShape> shapes, double sizeScale, boolean clutter) {
    Canvas canvas = new Canvas(size);
    if (clutter) {
      Backgrounds.paint(canvas, rnd);
    } else {
      Backgrounds.paintPlain(canvas, rnd);
    }
    int distractorCount = clutter ? 1 + rnd.nextInt(4) : 0;
    int inFront = 0;
    for (int k = 0; k < distractorCount; k++) {
      if (rnd.nextBoolean()) {
        inFront++;
      } else {
        drawDistractorBehind(canvas, rnd);
      }
    }
    List<Sprite> placed = new ArrayList<>();
    int[] initialCounts = new int[shapes.size()];
    for (int t = 0; t < shapes.size(); t++) {
      Sprite sprite = placeTarget(rnd, shapes.get(t), sizeScale, placed);
      placed.add(sprite);
      double[] colour = Colours.contrasting(rnd, canvas.pixelsAround(sprite, 2), TARGET_CONTRAST);
      canvas.drawTarget(sprite, paintFor(rnd, colour, sprite));
      initialCounts[t] = canvas.maskCount(t);
    }
    for (int k = 0; k < inFront; k++) {
      drawDistractorInFront(canvas, rnd, initialCounts);
    }
    RgbImage image = canvas.toImage(rnd, (2 + 6 * rnd.nextDouble()) * Math.sqrt(scale));
    List<AnnotatedObject> objects = new ArrayList<>();
    for (int t = 0; t < shapes.size(); t++) {
      Mask mask = canvas.mask(t);
      Box box = mask.boundingBox();
      if (box == null) {
        // Distractors in front leave most of each target visible, so this would be a bug.
        throw new IllegalStateException("target " + t + " of the scene has no visible pixel");
      }
      objects.add(new AnnotatedObject(shapes.get(t).displayName(), shapes.get(t).label(), box, mask));
    }
    return new LabelledImage(image, objects);
  }

  /**
   * Draws a target of random size, rotation, slight squash and sub-pixel position until it fits
   * inside the image, clear of the targets already placed; shrinks it when it does not fit.
   */
  private Sprite placeTarget(SplittableRandom rnd, TargetShape shape, double sizeScale, List<Sprite> placed) {
    double diameter = (MIN_DIAMETER + (MAX_DIAMETER - MIN_DIAMETER) * rnd.nextDouble()) * size * sizeScale;
    for (int round = 0; round < 20; round++) {
      Sprite sprite = Sprite.rasterise(targetRegion(rnd, shape, diameter / 2 * shape.sizeFactor()),
          rnd.nextDouble(), rnd.nextDouble());
      int minDx = BORDER - sprite.x0;
      int maxDx = size - BORDER - sprite.width - sprite.x0;
      int minDy = BORDER - sprite.y0;
      int maxDy = size - BORDER - sprite.height - sprite.y0;
      if (maxDx >= minDx && maxDy >= minDy) {
        for (int attempt = 0; attempt < 60; attempt++) {
          Sprite moved = sprite.shifted(minDx + rnd.nextInt(maxDx - minDx + 1),
              minDy + rnd.nextInt(maxDy - minDy + 1));
          if (isClear(moved, placed)) {
            return moved;
          }
        }
      }
      diameter *= 0.9;
    }
    throw new IllegalStateException("cannot place a " + shape.displayName() + " in a " + size + "x" + size
        + " image next to " + placed.size() + " other target(s)");
  }

  private static boolean isClear(Sprite sprite, List<Sprite> placed) {
    for (Sprite other : placed) {
      if (sprite.nearlyOverlaps(other, GAP)) {
        return false;
      }
    }
    return true;
  }

  private static Region targetRegion(SplittableRandom rnd, TargetShape shape, double radius) {
    double angle = rnd.nextDouble() * 2 * Math.PI;
    double cos = StrictMath.cos(angle);
    double sin = StrictMath.sin(angle);
    // A mild squash along one of the shape's own axes: classes must be recognised by shape, not by
    // exact proportions.
    double squash = 0.85 + 0.15 * rnd.nextDouble();
    boolean alongU = rnd.nextBoolean();
    double ru = radius * (alongU ? squash : 1);
    double rv = radius * (alongU ? 1 : squash);
    return new Region() {
      @Override
      public boolean contains(double x, double y) {
        double u = (x * cos + y * sin) / ru;
        double v = (-x * sin + y * cos) / rv;
        return u * u + v * v <= 1 && shape.contains(u, v);
      }

      @Override
      public double radius() {
        return radius;
      }
    };
  }

  private Paint paintFor(SplittableRandom rnd, double[] colour, Sprite sprite) {
    return Paint.random(rnd, colour, sprite.x0 + sprite.width / 2.0, sprite.y0 + sprite.height / 2.0,
        Math.max(sprite.width, sprite.height), scale);
  }

  /**
   * Rasterises a random distractor once, at a random sub-pixel phase; {@link #placeDistractor} then
   * moves it by whole pixels, which is cheap enough to try several places.
   */
  private Sprite distractorShape(SplittableRandom rnd) {
    return Sprite.rasterise(Distractors.random(rnd, scale), rnd.nextDouble(), rnd.nextDouble());
  }

  /** Centres the figure anywhere in the image: distractors may be cut by the border, targets never are. */
  private Sprite placeDistractor(SplittableRandom rnd, Sprite shape) {
    return shape.shifted(rnd.nextInt(size), rnd.nextInt(size));
  }

  private void drawDistractorBehind(Canvas canvas, SplittableRandom rnd) {
    paintDistractor(canvas, rnd, placeDistractor(rnd, distractorShape(rnd)));
  }

  /**
   * Draws a distractor over the targets at a random place where every target keeps at least
   * {@code 1 - MAX_OCCLUDED_FRACTION} of its pixels; gives up on it after a few places.
   */
  private void drawDistractorInFront(Canvas canvas, SplittableRandom rnd, int[] initialCounts) {
    Sprite shape = distractorShape(rnd);
    for (int attempt = 0; attempt < 8; attempt++) {
      Sprite sprite = placeDistractor(rnd, shape);
      if (keepsTargetsVisible(canvas, sprite, initialCounts)) {
        paintDistractor(canvas, rnd, sprite);
        return;
      }
    }
  }

  private static boolean keepsTargetsVisible(Canvas canvas, Sprite sprite, int[] initialCounts) {
    for (int t = 0; t < canvas.targetCount(); t++) {
      int remaining = canvas.maskCount(t) - canvas.maskPixelsLostBy(sprite, t);
      if (remaining < (1 - MAX_OCCLUDED_FRACTION) * initialCounts[t]) {
        return false;
      }
    }
    return true;
  }

  private void paintDistractor(Canvas canvas, SplittableRandom rnd, Sprite sprite) {
    if (sprite.isEmpty()) {
      return;
    }
    double[] colour = Colours.contrasting(rnd, canvas.pixelsAround(sprite, 2), DISTRACTOR_CONTRAST);
    canvas.draw(sprite, paintFor(rnd, colour, sprite));
  }
}
