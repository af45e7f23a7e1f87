package org.gradcam4j.inspect.visualize;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.Resizing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.math.Softmax;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.targets.Target;

/**
 * Gradient ascent for a batch of objectives on one tensor: each image of the batch has its own seed,
 * its own parameters and its own random transformations, and every step is one forward and backward
 * pass of the whole batch in one {@code session.run}.
 */
final class Ascent {
  private final ModelRuntime runtime;
  private final ModelRuntime base;
  private final String tensor;
  private final List<Objective> objectives;
  private final GradientRequest request;
  private final List<Target> seeds;
  private final List<float[]> seedWeights = new ArrayList<>();
  private final InputMapping mapping;
  private final Style style;
  private final int size;
  private final int jitter;
  private final Parameterization[] params;
  private final Random[] random;
  private final boolean[] frozen;
  private int stepsTaken;
  private final int[] stepsPerImage;

  Ascent(ObjectiveModel.Target target, ModelRuntime base, List<Objective> objectives, Preprocessing preprocessing,
      VisualizeSettings settings, int size, List<Integer> positions) {
    this.runtime = target.runtime();
    this.base = base;
    this.tensor = target.tensor();
    this.objectives = List.copyOf(objectives);
    this.style = settings.style();
    this.size = size;
    this.mapping = new InputMapping(preprocessing);
    long[] shape = {objectives.size(), 3, size, size};
    var tensorShape = runtime.shapes(shape).shape(tensor);
    this.request = GradientRequest.builder(tensor).wrt(runtime.imageInput()).keepModelOutputs(false).build();
    List<Target> t = new ArrayList<>();
    for (Objective o : objectives) {
      float[] w = o.seed(tensorShape);
      seedWeights.add(w);
      t.add(Target.weights(w));
    }
    this.seeds = t;
    int n = objectives.size();
    params = new Parameterization[n];
    random = new Random[n];
    frozen = new boolean[n];
    stepsPerImage = new int[n];
    int canvas = style == Style.LUCID ? lucidCanvas(size) : size;
    this.jitter = Math.max(2, size / 28);
    float[] start = settings.start() == null ? null : startCanvas(settings.start(), canvas);
    for (int i = 0; i < n; i++) {
      // One stream per image, derived from the seed and the objective's position, so that a result does
      // not depend on how objectives are grouped into batches.
      random[i] = new Random(settings.seed() * 1_000_003L + positions.get(i));
      params[i] = style == Style.LUCID
          ? new FourierParameterization(canvas, random[i], settings.rate(), start)
          : new PixelParameterization(canvas, random[i], settings.rate(), start);
    }
  }

  /** The smallest power of two with room for an eighth of the image around it for the transformations. */
  static int lucidCanvas(int size) {
    int s = 8;
    while (s < size + size / 8) {
      s <<= 1;
    }
    return s;
  }

  private static float[] startCanvas(RgbImage image, int canvas) {
    RgbImage fitted = Resizing.centerCrop(Resizing.resizeShorterSide(image, canvas), canvas, canvas);
    int plane = canvas * canvas;
    float[] out = new float[3 * plane];
    byte[] px = fitted.pixels();
    for (int i = 0; i < plane; i++) {
      for (int c = 0; c < 3; c++) {
        out[c * plane + i] = (px[i * 3 + c] & 0xff) / 255f;
      }
    }
    return out;
  }

  int size() {
    return objectives.size();
  }

  boolean allFrozen() {
    for (boolean f : frozen) {
      if (!f) {
        return false;
      }
    }
    return true;
  }

  /**
   * One ascent step of every image that is not frozen; returns each image's objective value before it
   * (NaN for frozen ones). Frozen images leave the batch, so that the last hard objectives do not pay
   * for the finished ones; the batch shrinks only to powers of two (padded with frozen images, whose
   * gradients are dropped) so that at most a handful of batch sizes, and compiled sessions, are used.
   */
  double[] step() {
    int n = objectives.size();
    int[] rows = rows();
    int b = rows.length;
    int plane = size * size;
    View[] views = new View[b];
    for (int r = 0; r < b; r++) {
      int i = rows[r];
      views[r] = style == Style.LUCID && !frozen[i] ? View.random(random[i], jitter) : View.CENTRE;
    }
    float[] input = new float[b * 3 * plane];
    List<Target> batchSeeds = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      batchSeeds.add(seeds.get(rows[r]));
    }
    IntStream.range(0, b).parallel().forEach(r -> {
      Parameterization p = params[rows[r]];
      float[] view = views[r].sample(p.rgb(), p.canvas(), size);
      mapping.toInput(view, input, r * 3 * plane);
    });
    GradientRun run = runtime.runGradients(new FloatTensor(new long[] {b, 3, size, size}, input), request,
        batchSeeds);
    float[] grad = run.gradients().get(runtime.imageInput()).data();
    IntStream.range(0, b).parallel().forEach(r -> {
      int i = rows[r];
      if (frozen[i]) {
        return;
      }
      Parameterization p = params[i];
      float[] g = mapping.toRgbGradient(grad, r * 3 * plane, plane);
      p.ascend(views[r].scatter(g, p.canvas(), size));
      stepsPerImage[i]++;
    });
    stepsTaken++;
    double[] v = new double[n];
    java.util.Arrays.fill(v, Double.NaN);
    float[] scores = run.scores().data();
    int k = run.scores().itemSize();
    for (int r = 0; r < b; r++) {
      int i = rows[r];
      if (!frozen[i]) {
        v[i] = dot(seedWeights.get(i), scores, r * k, k);
      }
    }
    return v;
  }

  /** The images to run: the active ones, padded with frozen ones up to a power of two (or all). */
  private int[] rows() {
    int n = objectives.size();
    List<Integer> active = new ArrayList<>();
    List<Integer> idle = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      (frozen[i] ? idle : active).add(i);
    }
    int b = Integer.highestOneBit(Math.max(1, active.size()));
    b = b < active.size() ? b * 2 : b;
    b = Math.min(n, Math.max(b, active.size()));
    if (runtime.fixedBatchSize() > 0) {
      b = n;
    }
    int[] rows = new int[b];
    for (int r = 0; r < b; r++) {
      rows[r] = r < active.size() ? active.get(r) : idle.get(r - active.size());
    }
    return rows;
  }

  private static double dot(float[] w, float[] d, int from, int k) {
    double s = 0;
    for (int j = 0; j < k; j++) {
      s += (double) w[j] * d[from + j];
    }
    return s;
  }

  /** Runs forward and input gradient only, for the benchmark: what a step costs without its own work. */
  void gradientOnly(FloatTensor batch) {
    runtime.runGradients(batch, request, seeds);
  }

  /** The current images as the model sees them (centre view, 8-bit), batched. */
  FloatTensor currentBatch() {
    int n = objectives.size();
    int plane = size * size;
    float[] input = new float[n * 3 * plane];
    for (int i = 0; i < n; i++) {
      mapping.toInput(toFloats(image(i)), input, i * 3 * plane);
    }
    return new FloatTensor(new long[] {n, 3, size, size}, input);
  }

  private double[] values(FloatTensor scores) {
    int n = objectives.size();
    double[] v = new double[n];
    int k = scores.itemSize();
    for (int i = 0; i < n; i++) {
      v[i] = dot(seedWeights.get(i), scores.data(), i * k, k);
    }
    return v;
  }

  /** Freezes class objectives whose probability on the current image has reached {@code target}. */
  void freezeReached(double target) {
    double[] p = evaluate().probabilities;
    for (int i = 0; i < p.length; i++) {
      if (!Double.isNaN(p[i]) && p[i] >= target) {
        frozen[i] = true;
      }
    }
  }

  /** Whether every objective is a class, so that freezing can end the run early. */
  boolean allClasses() {
    return objectives.stream().allMatch(o -> o instanceof Objective.ClassLogit);
  }

  record Evaluation(double[] values, double[] probabilities) {}

  /** The objective values and class probabilities on the current 8-bit images. */
  Evaluation evaluate() {
    int n = objectives.size();
    String scores = base.defaultScoreTensor();
    FloatTensor batch = currentBatch();
    var out = runtime.forward(batch, tensor.equals(scores) ? List.of(tensor) : List.of(tensor, scores));
    double[] values = values(out.get(tensor));
    double[] probabilities = new double[n];
    FloatTensor logits = out.get(scores);
    for (int i = 0; i < n; i++) {
      probabilities[i] = objectives.get(i) instanceof Objective.ClassLogit c
          ? Softmax.of(logits.item(i).data())[c.index()] : Double.NaN;
    }
    return new Evaluation(values, probabilities);
  }

  /** The final image of objective {@code i}: the centre of the canvas, in 8 bits. */
  RgbImage image(int i) {
    Parameterization p = params[i];
    float[] rgb = View.CENTRE.sample(p.rgb(), p.canvas(), size);
    int plane = size * size;
    byte[] px = new byte[3 * plane];
    for (int j = 0; j < plane; j++) {
      for (int c = 0; c < 3; c++) {
        px[j * 3 + c] = (byte) Math.round(Math.min(1f, Math.max(0f, rgb[c * plane + j])) * 255f);
      }
    }
    return new RgbImage(size, size, px);
  }

  private static float[] toFloats(RgbImage image) {
    int plane = image.width() * image.height();
    float[] out = new float[3 * plane];
    byte[] px = image.pixels();
    for (int j = 0; j < plane; j++) {
      for (int c = 0; c < 3; c++) {
        out[c * plane + j] = (px[j * 3 + c] & 0xff) / 255f;
      }
    }
    return out;
  }

  List<Visualization> results() {
    Evaluation e = evaluate();
    List<Visualization> out = new ArrayList<>();
    for (int i = 0; i < objectives.size(); i++) {
      out.add(new Visualization(objectives.get(i), image(i), e.values[i], e.probabilities[i], stepsPerImage[i]));
    }
    return out;
  }

  int stepsTaken() {
    return stepsTaken;
  }
}
