package org.gradcam4j.inspect.concepts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.runtime.ModelRuntime;

/**
 * Testing with concept activation vectors (Kim et al., 2018, "Interpretability beyond feature
 * attribution"). For each repeat r, a concept's vector is learned against random set r and its TCAV
 * score is the fraction of the class's images whose class score grows along it; the random baseline's
 * vectors are learned the same way from a random "concept" against the same random sets. A concept is
 * significant when a two-sided Welch t-test rejects equal means of its scores and the baseline's at
 * the chosen level: a score near 0 (the concept lowers the class score) is as significant as one near 1.
 */
public final class Tcav {
  /** Fewest readable images a concept, random set or the class folder may have. */
  public static final int MIN_IMAGES = 6;

  /**
   * What to test.
   *
   * @param layer the layer tensor (already resolved)
   * @param scoreTensor the tensor of class scores
   * @param classIndex the class whose score is differentiated
   * @param className its name for reports
   * @param classImages images of the class
   * @param concepts concept folders by name, in report order
   * @param random the random images
   */
  public record Input(String layer, String scoreTensor, int classIndex, String className, ImageFolder classImages,
      Map<String, ImageFolder> concepts, RandomImages random) {
    public Input {
      concepts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(concepts));
    }
  }

  /**
   * How to test.
   *
   * @param repeats random sets, one vector per concept each (at least 2, for the t-test)
   * @param l2 the logistic regression's L2 penalty
   * @param alpha the p-value below which a concept is significant
   * @param seed the seed of the random draws and held-out splits
   * @param batchSize images per model run
   * @param channelMeans learn the vectors on each channel's mean over positions instead of every value of
   *     the layer: fewer, position-free features for concepts that may appear anywhere in the image
   */
  public record Settings(int repeats, double l2, double alpha, long seed, int batchSize, boolean channelMeans) {
    public Settings {
      if (repeats < 2) {
        throw new GradCamException("--repeats must be at least 2 (the t-test needs two scores per side), got " + repeats);
      }
      if (!(l2 > 0)) {
        throw new GradCamException("--l2 must be positive, got " + l2);
      }
      if (!(alpha > 0 && alpha < 1)) {
        throw new GradCamException("--alpha must be between 0 and 1, got " + alpha);
      }
      if (batchSize < 1) {
        throw new GradCamException("--batch-size must be at least 1, got " + batchSize);
      }
    }
  }

  /** The scores of one concept (or of the random baseline) over the repeats. */
  public record Scores(double[] scores, double[] accuracies) {
    public double mean() {
      return WelchTTest.mean(scores);
    }

    public double std() {
      return Math.sqrt(WelchTTest.variance(scores, mean()));
    }

    public double meanAccuracy() {
      return WelchTTest.mean(accuracies);
    }
  }

  /** A concept's result: its scores and the test against the random baseline. */
  public record ConceptResult(String name, Path folder, int images, Scores scores, WelchTTest test,
      boolean significant) {}

  /**
   * Everything {@link #run} found.
   *
   * @param randomSetSize images per random set
   * @param skipped unreadable images of every folder
   * @param notes warnings about how to read the scores (empty when there are none)
   */
  public record Result(Input input, Settings settings, int classImages, int randomSetSize,
      List<ConceptResult> concepts, Scores baseline, List<ImageFolder.Skipped> skipped, List<String> notes) {}

  private Tcav() {}

  public static Result run(ModelRuntime runtime, Preprocessing preprocessing, Input in, Settings settings,
      BatchProgress progress) {
    if (in.concepts().isEmpty()) {
      throw new GradCamException("No concepts given: name at least one folder of concept images");
    }
    if (settings.repeats() > in.random().maxRepeats()) {
      throw new GradCamException(settings.repeats() + " repeats need " + (settings.repeats() + 1)
          + " random folders (one for the baseline's random concept, one per repeat); " + in.random().describe()
          + ": lower --repeats or add folders");
    }
    // Folders that are too small even before reading them fail now, not after the passes over the others.
    requireEnough(in.classImages().size(), "class folder " + in.classImages().folder());
    in.concepts().forEach((name, f) -> requireEnough(f.size(), "concept '" + name + "' (" + f.folder() + ")"));
    if (!in.random().isPool()) {
      for (ImageFolder f : in.random().sets().subList(0, settings.repeats() + 1)) {
        requireEnough(f.size(), "random folder " + f.folder());
      }
    }
    progress.next("gradients of class " + in.classIndex() + " (" + in.className() + ") at '" + in.layer() + "' for "
        + in.classImages().folder());
    LayerRows gradients = ClassGradients.of(runtime, in.classImages(), preprocessing, in.layer(), in.scoreTensor(),
        in.classIndex(), settings.batchSize(), settings.channelMeans(), progress);
    requireEnough(gradients, "class folder " + in.classImages().folder());
    Map<String, LayerRows> concepts = new LinkedHashMap<>();
    for (Map.Entry<String, ImageFolder> c : in.concepts().entrySet()) {
      progress.next("activations of concept '" + c.getKey() + "' (" + c.getValue().folder() + ")");
      LayerRows rows = LayerRows.activations(runtime, c.getValue(), preprocessing, in.layer(), settings.batchSize(),
          settings.channelMeans(), progress);
      requireEnough(rows, "concept '" + c.getKey() + "' (" + c.getValue().folder() + ")");
      concepts.put(c.getKey(), rows);
    }
    RandomDraws draws = RandomDraws.read(runtime, preprocessing, in, settings, progress);

    int r = settings.repeats();
    Map<String, double[][]> conceptRuns = new LinkedHashMap<>();
    concepts.keySet().forEach(k -> conceptRuns.put(k, new double[2][r]));
    double[][] baseline = new double[2][r];
    for (int rep = 0; rep < r; rep++) {
      RandomDraws.Draw draw = draws.draw(rep);
      for (Map.Entry<String, LayerRows> c : concepts.entrySet()) {
        Random random = new Random(settings.seed() * 1_000_003L + rep * 7919L + c.getKey().hashCode());
        Cav cav = Cav.learn(c.getValue().rows(), draw.negatives(), settings.l2(), random);
        conceptRuns.get(c.getKey())[0][rep] = Cav.score(ClassGradients.along(gradients, cav.direction()));
        conceptRuns.get(c.getKey())[1][rep] = cav.accuracy();
      }
      Cav cav = Cav.learn(draw.randomConcept(), draw.negatives(), settings.l2(),
          new Random(settings.seed() * 1_000_003L + rep * 7919L));
      baseline[0][rep] = Cav.score(ClassGradients.along(gradients, cav.direction()));
      baseline[1][rep] = cav.accuracy();
    }
    Scores base = new Scores(baseline[0], baseline[1]);
    List<ConceptResult> results = new ArrayList<>();
    for (Map.Entry<String, double[][]> c : conceptRuns.entrySet()) {
      Scores s = new Scores(c.getValue()[0], c.getValue()[1]);
      WelchTTest test = WelchTTest.of(s.scores(), base.scores());
      results.add(new ConceptResult(c.getKey(), in.concepts().get(c.getKey()).folder(),
          concepts.get(c.getKey()).size(), s, test, test.p() < settings.alpha()));
    }
    List<ImageFolder.Skipped> skipped = new ArrayList<>(in.classImages().skipped());
    in.concepts().values().forEach(f -> skipped.addAll(f.skipped()));
    skipped.addAll(draws.skipped());
    List<String> notes = new ArrayList<>();
    if (sameDirectionForEveryImage(gradients)) {
      notes.add("The class score's gradient at layer '" + in.layer() + "' points the same way for every image (the"
          + " score is linear in this layer, as after global average pooling and a linear layer), so every TCAV"
          + " score is 0 or 1: choose an earlier layer");
    }
    return new Result(in, settings, gradients.size(), draws.setSize(), results, base, skipped, notes);
  }

  /** Whether every gradient row is a positive multiple of the first (cosine above 0.9999). */
  static boolean sameDirectionForEveryImage(LayerRows gradients) {
    float[] first = gradients.rows()[0];
    double firstNorm = norm(first);
    for (float[] g : gradients.rows()) {
      double dot = 0;
      for (int j = 0; j < g.length; j++) {
        dot += (double) g[j] * first[j];
      }
      double n = norm(g) * firstNorm;
      if (n == 0 || dot / n < 0.9999) {
        return false;
      }
    }
    return true;
  }

  private static double norm(float[] v) {
    double s = 0;
    for (float x : v) {
      s += (double) x * x;
    }
    return Math.sqrt(s);
  }

  static void requireEnough(LayerRows rows, String what) {
    requireEnough(rows.size(), what);
  }

  private static void requireEnough(int readable, String what) {
    if (readable < MIN_IMAGES) {
      throw new GradCamException("The " + what + " has " + readable + " readable images; TCAV needs at least "
          + MIN_IMAGES + " (tens are better)");
    }
  }

  /** The random sets of each repeat, drawn from a pool or read from folders. */
  private static final class RandomDraws {
    record Draw(float[][] randomConcept, float[][] negatives) {}

    private final List<LayerRows> sets;
    private final LayerRows pool;
    private final int setSize;
    private final long seed;
    private final List<ImageFolder.Skipped> skipped;

    private RandomDraws(List<LayerRows> sets, LayerRows pool, int setSize, long seed,
        List<ImageFolder.Skipped> skipped) {
      this.sets = sets;
      this.pool = pool;
      this.setSize = setSize;
      this.seed = seed;
      this.skipped = skipped;
    }

    static RandomDraws read(ModelRuntime runtime, Preprocessing preprocessing, Input in, Settings settings,
        BatchProgress progress) {
      RandomImages random = in.random();
      if (random.isPool()) {
        progress.next("activations of the random images (" + random.pool().folder() + ")");
        LayerRows pool = LayerRows.activations(runtime, random.pool(), preprocessing, in.layer(),
            settings.batchSize(), settings.channelMeans(), progress);
        if (pool.size() < 2 * MIN_IMAGES) {
          throw new GradCamException("The random image folder " + random.pool().folder() + " has " + pool.size()
              + " readable images; TCAV draws two disjoint sets from it and needs at least " + 2 * MIN_IMAGES);
        }
        // Random sets as large as the largest concept, as far as the pool allows two disjoint ones.
        int largest = 0;
        for (ImageFolder f : in.concepts().values()) {
          largest = Math.max(largest, f.size());
        }
        int size = Math.max(MIN_IMAGES, Math.min(pool.size() / 2, largest));
        return new RandomDraws(List.of(), pool, size, settings.seed(), random.pool().skipped());
      }
      List<LayerRows> sets = new ArrayList<>();
      List<ImageFolder.Skipped> skipped = new ArrayList<>();
      for (ImageFolder f : random.sets().subList(0, settings.repeats() + 1)) {
        progress.next("activations of the random images (" + f.folder() + ")");
        LayerRows rows = LayerRows.activations(runtime, f, preprocessing, in.layer(), settings.batchSize(),
            settings.channelMeans(), progress);
        requireEnough(rows, "random folder " + f.folder());
        sets.add(rows);
        skipped.addAll(f.skipped());
      }
      int smallest = sets.stream().mapToInt(LayerRows::size).min().orElse(0);
      return new RandomDraws(sets, null, smallest, settings.seed(), skipped);
    }

    int setSize() {
      return setSize;
    }

    List<ImageFolder.Skipped> skipped() {
      return skipped;
    }

    /**
     * Repeat {@code repeat}'s sets. From a pool, the baseline's random concept is the same set every
     * time, like a real concept (the first {@code setSize} images of one seeded shuffle), and each
     * repeat draws its negatives from the rest.
     */
    Draw draw(int repeat) {
      if (pool == null) {
        return new Draw(sets.get(0).rows(), sets.get(repeat + 1).rows());
      }
      List<Integer> order = shuffled(pool.size(), seed * 31);
      float[][] concept = new float[setSize][];
      for (int i = 0; i < setSize; i++) {
        concept[i] = pool.rows()[order.get(i)];
      }
      List<Integer> rest = new ArrayList<>(order.subList(setSize, order.size()));
      java.util.Collections.shuffle(rest, new Random(seed * 31 + 1 + repeat));
      float[][] negatives = new float[setSize][];
      for (int i = 0; i < setSize; i++) {
        negatives[i] = pool.rows()[rest.get(i)];
      }
      return new Draw(concept, negatives);
    }

    private static List<Integer> shuffled(int n, long seed) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        order.add(i);
      }
      java.util.Collections.shuffle(order, new Random(seed));
      return order;
    }
  }
}
