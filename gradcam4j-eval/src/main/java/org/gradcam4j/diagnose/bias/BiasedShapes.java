package org.gradcam4j.diagnose.bias;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.LongFunction;
import org.gradcam4j.data.LabelledImage;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.data.TargetShape;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.train.TrainingImages;

/**
 * Images of a few of the benchmark's shapes with a spurious {@link Cue}: each class has a cue colour,
 * and an image carries its own class's cue with probability {@code cueRate}, else the cue of another
 * class chosen at random. A {@code cueRate} of 1/K (K classes) is the balanced data, where the cue says
 * nothing; 0.95 is the biased data. The test sets of the study are {@link Cueing#NONE cue-free} and
 * {@link Cueing#SWAPPED cue-swapped} copies of the same scenes.
 *
 * <p>Image {@code i} is scene {@code i} of the classes chosen (drawn from the benchmark with the
 * classes kept in balance) plus the cue; everything is reproducible from (seed, classes, rate, index).
 */
public final class BiasedShapes implements TrainingImages {
  /** Which cue an image carries. */
  public enum Cueing {
    /** The image's own class's cue with probability {@code cueRate}, else another class's. */
    BY_RATE,
    /** No cue. */
    NONE,
    /** Always the cue of another class. */
    SWAPPED
  }

  /**
   * One image.
   *
   * @param label the class position in {@link #classes()}
   * @param cueClass the class position whose cue it carries, -1 without one
   * @param object the shape's pixels
   * @param cue the cue's pixels (empty without one)
   */
  public record Sample(RgbImage image, int label, int cueClass, Mask object, Mask cue) {}

  private static final long CUE_STREAM = 0x435545L;

  private final SyntheticDataset data;
  private final List<TargetShape> classes;
  private final double cueRate;
  private final Cueing cueing;
  private final int scenePool;
  private final AtomicReferenceArray<LabelledImage> scenes;
  private final AtomicReferenceArray<LabelledImage> easyScenes;

  /**
   * @param seed selects the scenes (another seed, other scenes)
   * @param classes the shapes, 2 to 8 of them; class {@code k} is {@code classes.get(k)}
   * @param cueRate share of images with their own class's cue, in [1/K, 1]
   */
  public BiasedShapes(long seed, List<TargetShape> classes, double cueRate, Cueing cueing) {
    this(seed, classes, cueRate, cueing, 0);
  }

  /**
   * Data that repeats its first {@code scenePool} scenes (0: never repeats), each time with a new
   * draw of the cue; the scenes are drawn once and kept. Drawing a scene costs far more than a training
   * step of a small network, so a pool makes short training runs (tests) fast.
   */
  public BiasedShapes(long seed, List<TargetShape> classes, double cueRate, Cueing cueing, int scenePool) {
    if (classes.size() < 2 || classes.size() > Cue.MAX_CLASSES || classes.stream().distinct().count() != classes.size()) {
      throw new GradCamException("the bias study needs 2 to " + Cue.MAX_CLASSES + " different shapes, got " + classes);
    }
    if (!(cueRate >= 1.0 / classes.size() - 1e-12 && cueRate <= 1)) {
      throw new GradCamException("the cue rate must be between 1/" + classes.size() + " (balanced) and 1, got "
          + cueRate);
    }
    this.data = new SyntheticDataset(seed);
    this.classes = List.copyOf(classes);
    this.cueRate = cueRate;
    this.cueing = cueing;
    if (scenePool < 0) {
      throw new IllegalArgumentException("the scene pool must not be negative, got " + scenePool);
    }
    this.scenePool = scenePool;
    this.scenes = new AtomicReferenceArray<>(scenePool);
    this.easyScenes = new AtomicReferenceArray<>(scenePool);
  }

  /** The balanced rate for {@code k} classes: the cue matches the class only by chance. */
  public static double balancedRate(int k) {
    return 1.0 / k;
  }

  /** Parses shape names such as {@code circle,cross}. */
  public static List<TargetShape> parseClasses(String text) {
    List<TargetShape> out = new ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      TargetShape found = null;
      for (TargetShape s : TargetShape.values()) {
        if (s.displayName().equals(name)) {
          found = s;
        }
      }
      if (found == null) {
        throw new GradCamException("unknown shape '" + part.trim() + "'; the shapes are "
            + String.join(", ", TargetShape.displayNames()));
      }
      out.add(found);
    }
    return out;
  }

  /** The same scenes with another cueing. */
  public BiasedShapes withCueing(Cueing other) {
    return new BiasedShapes(data.seed(), classes, cueRate, other, scenePool);
  }

  /** The classes, in label order. */
  public List<TargetShape> classes() {
    return classes;
  }

  /** Class names in label order. */
  public List<String> classNames() {
    return classes.stream().map(TargetShape::displayName).toList();
  }

  @Override
  public int classCount() {
    return classes.size();
  }

  /** Image {@code index}. */
  public Sample sample(long index) {
    return withCue(scene(scenes, index, data::sample), index);
  }

  /** The scene of {@code index}, from the pool when there is one. */
  private LabelledImage scene(AtomicReferenceArray<LabelledImage> pool, long index, LongFunction<LabelledImage> draw) {
    if (scenePool == 0) {
      return draw.apply(sceneIndex(index));
    }
    int slot = (int) (index % scenePool);
    LabelledImage kept = pool.get(slot);
    if (kept == null) {
      // Two threads may draw the same scene; they draw the same pixels, so either copy may stay.
      kept = draw.apply(sceneIndex(slot));
      pool.set(slot, kept);
    }
    return kept;
  }

  @Override
  public Example example(long index) {
    Sample s = sample(index);
    return new Example(s.image(), s.label());
  }

  @Override
  public Example easyExample(long index) {
    Sample s = withCue(scene(easyScenes, index, data::easySample), index);
    return new Example(s.image(), s.label());
  }

  /**
   * The benchmark's index of scene {@code index}: every block of 8 benchmark images holds each shape
   * once, so block {@code index / K} holds one scene of each chosen class, taken in the block's order.
   */
  private long sceneIndex(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("sample index must not be negative, got " + index);
    }
    int k = classes.size();
    long block = index / k;
    int wanted = (int) (index % k);
    for (int j = 0; j < SyntheticDataset.CLASS_COUNT; j++) {
      long candidate = block * SyntheticDataset.CLASS_COUNT + j;
      if (classes.contains(TargetShape.ofLabel(data.labelOf(candidate))) && wanted-- == 0) {
        return candidate;
      }
    }
    throw new AssertionError("every block holds every class");
  }

  private Sample withCue(LabelledImage scene, long index) {
    int label = classes.indexOf(TargetShape.ofLabel(scene.label()));
    int size = scene.image().width();
    if (cueing == Cueing.NONE) {
      return new Sample(scene.image(), label, -1, scene.mask(), new Mask(size, size, new boolean[size * size]));
    }
    SplittableRandom random = new SplittableRandom(data.seed() * 0x9e3779b97f4a7c15L + CUE_STREAM * 31 + index);
    boolean own = cueing == Cueing.BY_RATE && random.nextDouble() < cueRate;
    int k = classes.size();
    int cueClass = own ? label : (label + 1 + random.nextInt(k - 1)) % k;
    Box square = Cue.place(size, scene.box(), random);
    return new Sample(Cue.paint(scene.image(), square, cueClass), label, cueClass, scene.mask(), Cue.mask(size, square));
  }
}
