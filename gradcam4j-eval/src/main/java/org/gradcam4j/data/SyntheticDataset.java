package org.gradcam4j.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A procedural image-classification benchmark with exact ground truth: every image shows one filled
 * target shape (class = shape) among clutter, and comes with the precise pixel mask and bounding box
 * of the target. It lets a small CNN be trained with no download and lets explanation maps be scored
 * (pointing game, localisation) against known object locations.
 *
 * <h2>Classes</h2>
 * The {@link TargetShape}s, in ordinal order: circle, square, triangle, star, cross, ring, heart,
 * arrow ({@value #CLASS_COUNT} classes). Labels are balanced exactly: each block of
 * {@value #CLASS_COUNT} consecutive indices ({@code 0..7}, {@code 8..15}, ...) holds every class once,
 * in an order shuffled per block.
 *
 * <h2>An image</h2>
 * <ul>
 *   <li><b>Background</b>: a two-colour gradient under a random mix of stripes, checks (periods 3-10 px
 *       at 64x64), smooth value noise and soft blobs; at least one texture is always present.</li>
 *   <li><b>Distractors</b>: 1-4 objects that are none of the targets (open polylines, worm-like blobs,
 *       dot clusters, open arcs), each behind or in front of the target with equal odds. Those in front
 *       may touch the target but take away at most 10 % of its pixels.</li>
 *   <li><b>Target</b>: any rotation, squashed by up to 15 % along one of its axes, at a random
 *       sub-pixel position fully inside the image (at least one pixel from the border). Its nominal
 *       diameter is 24-44 % of the image side; shapes with less area than a disc are drawn larger, by
 *       the fourth root of the area ratio, so that neither box size nor pixel count gives the class
 *       away. At 64x64 the longer box side is 13-37 px (pairs: 11-29 px).</li>
 *   <li><b>Colour</b>: background layers, targets and distractors all draw colours from one
 *       distribution (uniform hue and saturation, value 0.15-1), and fill styles (flat, gradient,
 *       stripes) from one distribution. Objects are only kept apart in colour from what lies under
 *       them, by the same rule for every class. Colour therefore says nothing about the class.</li>
 *   <li><b>Noise</b>: per-pixel noise of standard deviation 2-8 at 64x64 (growing with the square root
 *       of the image size), mostly in brightness.</li>
 * </ul>
 * What makes it hard: the class is only in the outline; colour, fill, size, position and orientation
 * are nuisance variables; the background has edges and periodic texture at every angle; the target is
 * not the only object, nor the only solid one, nor the one with the odd colour.
 *
 * <h2>Ground truth</h2>
 * Shapes are rasterised by exact inside tests at 4x4 points per pixel (no graphics library, whose
 * anti-aliasing could differ between JDKs). A pixel belongs to the target's {@linkplain
 * org.gradcam4j.eval.truth.AnnotatedObject#mask() mask} when at least half of its final colour
 * comes from the target, after everything drawn later has been painted over it. The {@linkplain
 * org.gradcam4j.eval.truth.AnnotatedObject#box() box} is the tight box around the mask.
 *
 * <h2>Reproducibility</h2>
 * {@link #sample(long)} depends only on (seed, image size, index): each image has its own
 * {@link SplittableRandom} seeded by a hash of seed and index, all arithmetic is Java's IEEE double
 * arithmetic and trigonometry uses {@link StrictMath}, so the pixels are the same on every machine
 * and in any order or thread. Instances are immutable and thread-safe.
 *
 * <p>All lengths scale with the image: 64x64 is the default; 96x96 and 128x128 images have the same
 * make-up at a higher resolution (though not the same scene for the same index, since positions are
 * drawn in whole pixels).
 */
public final class SyntheticDataset {
  /** Side of the square images unless another is asked for. */
  public static final int DEFAULT_IMAGE_SIZE = 64;
  /** Smallest supported image side: below it targets get too few pixels to show their shape. */
  public static final int MIN_IMAGE_SIZE = 32;
  /** Largest supported image side. */
  public static final int MAX_IMAGE_SIZE = 1024;
  /** Number of classes, one per {@link TargetShape}. */
  public static final int CLASS_COUNT = 8;

  // Separate streams, so that e.g. pairSample(i) is unrelated to sample(i).
  private static final long LABEL_STREAM = 0x4c4142454cL;
  private static final long SINGLE_STREAM = 0x53494e474cL;
  private static final long PAIR_STREAM = 0x50414952L;
  private static final long EASY_STREAM = 0x45415359L;

  private final long seed;
  private final int imageSize;
  private final SceneRenderer renderer;

  /** A 64x64 dataset. */
  public SyntheticDataset(long seed) {
    this(seed, DEFAULT_IMAGE_SIZE);
  }

  /**
   * A dataset of square {@code imageSize x imageSize} images.
   *
   * @param seed selects the dataset; different seeds give unrelated images
   * @param imageSize image side in pixels, {@value #MIN_IMAGE_SIZE}..{@value #MAX_IMAGE_SIZE}
   */
  public SyntheticDataset(long seed, int imageSize) {
    if (imageSize < MIN_IMAGE_SIZE || imageSize > MAX_IMAGE_SIZE) {
      throw new IllegalArgumentException("image size must be " + MIN_IMAGE_SIZE + ".." + MAX_IMAGE_SIZE
          + " pixels, got " + imageSize);
    }
    if (TargetShape.values().length != CLASS_COUNT) {
      throw new AssertionError("CLASS_COUNT is out of date");
    }
    this.seed = seed;
    this.imageSize = imageSize;
    this.renderer = new SceneRenderer(imageSize);
  }

  /** The seed the dataset was made with. */
  public long seed() {
    return seed;
  }

  /** Side of the square images in pixels. */
  public int imageSize() {
    return imageSize;
  }

  /** Number of classes ({@value #CLASS_COUNT}). */
  public int classCount() {
    return CLASS_COUNT;
  }

  /** Class names in label order. */
  public List<String> classNames() {
    return TargetShape.displayNames();
  }

  /** The class of {@link #sample(long) sample(index)}, without drawing the image. */
  public int labelOf(long index) {
    requireIndex(index);
    long block = index / CLASS_COUNT;
    SplittableRandom rnd = new SplittableRandom(streamSeed(LABEL_STREAM, block));
    int[] order = new int[CLASS_COUNT];
    for (int i = 0; i < CLASS_COUNT; i++) {
      order[i] = i;
    }
    for (int i = CLASS_COUNT - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      int tmp = order[i];
      order[i] = order[j];
      order[j] = tmp;
    }
    return order[(int) (index % CLASS_COUNT)];
  }

  /** Image {@code index} (0 or more): one target of class {@link #labelOf(long) labelOf(index)}. */
  public LabelledImage sample(long index) {
    requireIndex(index);
    SplittableRandom rnd = new SplittableRandom(streamSeed(SINGLE_STREAM, index));
    return renderer.render(rnd, List.of(TargetShape.ofLabel(labelOf(index))), 1);
  }

  /**
   * Pair image {@code index} (0 or more): two targets of two different random classes, apart from each
   * other (their boxes are at least two pixels apart), each with its own mask and box; a test image for
   * class-discriminative explanations. The objects are listed in drawing order.
   */
  /**
   * An easy version of sample {@code index}: the same class, but on a plain gradient background and
   * without distractors. Meant for training curricula that start easy; evaluation uses
   * {@link #sample}.
   */
  public LabelledImage easySample(long index) {
    requireIndex(index);
    SplittableRandom rnd = new SplittableRandom(streamSeed(EASY_STREAM, index));
    return renderer.render(rnd, List.of(TargetShape.ofLabel(labelOf(index))), 1, false);
  }

  public LabelledImage pairSample(long index) {
    requireIndex(index);
    SplittableRandom rnd = new SplittableRandom(streamSeed(PAIR_STREAM, index));
    int first = rnd.nextInt(CLASS_COUNT);
    int second = (first + 1 + rnd.nextInt(CLASS_COUNT - 1)) % CLASS_COUNT;
    return renderer.render(rnd, List.of(TargetShape.ofLabel(first), TargetShape.ofLabel(second)),
        SceneRenderer.PAIR_SCALE);
  }

  private static void requireIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("sample index must not be negative, got " + index);
    }
  }

  private long streamSeed(long stream, long index) {
    return mix(mix(seed ^ mix(stream)) + index * 0x9e3779b97f4a7c15L);
  }

  /** The SplitMix64 finaliser: spreads nearby inputs (seed 1 vs 2, index 7 vs 8) over all 64 bits. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  @Override
  public String toString() {
    return "SyntheticDataset[seed=" + seed + ", " + imageSize + "x" + imageSize + "]";
  }
}
