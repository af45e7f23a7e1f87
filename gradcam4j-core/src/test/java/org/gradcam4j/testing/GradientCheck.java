package org.gradcam4j.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.autodiff.GradientCompiler;
import org.gradcam4j.autodiff.GradientGraph;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.RuleRegistry;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;

/**
 * Checks compiled gradients against central finite differences of the objective
 * {@code L(x) = sum(seed * f(x))}, evaluated by running the forward model in ONNX Runtime.
 *
 * <p>Each element is perturbed by {@code +-eps} and {@code +-eps/2}. Where the two estimates
 * disagree the function has a kink within {@code eps} of the point (a ReLU or max switching) and the
 * element is skipped; at most {@link #maxSkippedFraction} of the elements may be skipped. Elsewhere
 * the analytic gradient must match the estimate to {@code atol + rtol * max|gradient|}.
 */
public final class GradientCheck {
  private final ModelProto model;
  private final String input;
  private final String score;
  private double eps = 1e-2;
  private double rtol = 1e-2;
  private double atol = 1e-3;
  private double maxSkippedFraction = 0.05;
  private BackwardVariant variant = BackwardVariant.STANDARD;
  private ModelProto referenceModel;
  private java.util.function.UnaryOperator<float[]> referenceSeedMap = s -> s;
  private long seedValue = 42;
  private RuleRegistry rules = RuleRegistry.standard();

  private GradientCheck(ModelProto model, String input, String score) {
    this.model = model;
    this.input = input;
    this.score = score;
  }

  /** Checks d(sum(seed * score))/d(input) for a model with one input. */
  public static GradientCheck of(ModelProto model, String input, String score) {
    return new GradientCheck(model, input, score);
  }

  public GradientCheck eps(double e) {
    this.eps = e;
    return this;
  }

  public GradientCheck tolerance(double relative, double absolute) {
    this.rtol = relative;
    this.atol = absolute;
    return this;
  }

  public GradientCheck maxSkippedFraction(double f) {
    this.maxSkippedFraction = f;
    return this;
  }

  /** Compiles with these rules instead of the standard ones (to show that a wrong rule is caught). */
  public GradientCheck rules(RuleRegistry r) {
    this.rules = r;
    return this;
  }

  public GradientCheck randomSeed(long s) {
    this.seedValue = s;
    return this;
  }

  /**
   * Compiles with a non-standard backward variant, and compares with the finite differences of a
   * different objective: {@code reference} evaluated with the seed transformed by {@code seedMap}.
   * (A guided-backprop gradient through one Relu equals the true gradient of the Relu network under
   * a rectified seed; a deconvnet one that of the network without the Relu.)
   */
  public GradientCheck variant(BackwardVariant v, ModelProto reference, java.util.function.UnaryOperator<float[]> seedMap) {
    this.variant = v;
    this.referenceModel = reference;
    this.referenceSeedMap = seedMap;
    return this;
  }

  /** Result of a check, with enough detail for a useful assertion message. */
  public record Result(int checked, int skipped, double maxError, double maxGradient, String worst,
      float[] analytic, float[] numeric) {
    public boolean passed(double rtol, double atol) {
      return maxError <= atol + rtol * maxGradient;
    }
  }

  /** Runs the check on input {@code x} and throws {@link AssertionError} on failure. */
  public Result verify(FloatTensor x) {
    Result r = run(x);
    if (!r.passed(rtol, atol)) {
      throw new AssertionError("gradient mismatch: max |analytic - numeric| = " + r.maxError
          + " > " + atol + " + " + rtol + " * " + r.maxGradient + " (" + r.worst + "); checked "
          + r.checked + ", skipped " + r.skipped);
    }
    if (r.skipped > maxSkippedFraction * (r.checked + r.skipped)) {
      throw new AssertionError("too many non-differentiable points: " + r.skipped + " of "
          + (r.checked + r.skipped) + "; choose inputs away from kinks");
    }
    if (r.maxGradient == 0) {
      throw new AssertionError("the gradient is identically zero: the check would prove nothing");
    }
    return r;
  }

  public Result run(FloatTensor x) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "test model"));
    boolean batchDynamic = hasSymbolicBatch(prepared);
    ShapeTable shapes = ShapeProbe.probe(prepared, input, x.shape(), batchDynamic);
    GradientGraph compiled = new GradientCompiler(rules).compile(prepared,
        shapes, GradientRequest.builder(score).wrt(input).variant(variant).top1Seed(false).build());

    TensorShape scoreShape = shapes.shape(score);
    long n = x.shape()[0];
    int perSample = Math.toIntExact(scoreShape.elementCountFrom(1));
    Random random = new Random(seedValue);
    float[] seed = new float[Math.toIntExact(n * perSample)];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (float) random.nextGaussian();
    }
    float[] analytic;
    try (OnnxSession s = new OnnxSession(compiled.model(), 1)) {
      Map<String, FloatTensor> out = s.run(
          Map.of(input, x, compiled.seedInput(), new FloatTensor(new long[] {n, perSample}, seed)),
          List.of(compiled.gradientOutputs().get(input)));
      analytic = out.values().iterator().next().data();
    }

    ModelProto forward = referenceModel != null ? referenceModel : model;
    float[] fdSeed = referenceModel != null ? referenceSeedMap.apply(seed.clone()) : seed;
    float[] numeric = new float[analytic.length];
    int skipped = 0;
    int checked = 0;
    double maxError = 0;
    double maxGradient = 0;
    String worst = "";
    OnnxModel fwd = ModelPreparer.prepare(OnnxModel.of(forward, "reference"));
    try (OnnxSession s = new OnnxSession(fwd, 1)) {
      boolean stacked = canStack(s, x, batchDynamic);
      double[] plus = objectives(s, x, fdSeed, eps, stacked);
      double[] half = objectives(s, x, fdSeed, eps / 2, stacked);
      for (int i = 0; i < analytic.length; i++) {
        double d1 = plus[i];
        double d2 = half[i];
        maxGradient = Math.max(maxGradient, Math.abs(analytic[i]));
        numeric[i] = (float) d2;
        if (Math.abs(d1 - d2) > atol + rtol * Math.max(Math.abs(d1), Math.abs(d2)) + 1e-3) {
          skipped++;
          continue;
        }
        checked++;
        double err = Math.abs(analytic[i] - d2);
        if (err > maxError) {
          maxError = err;
          worst = "element " + i + ": analytic " + analytic[i] + ", numeric " + d2;
        }
      }
    }
    return new Result(checked, skipped, maxError, maxGradient, worst, analytic, numeric);
  }

  /**
   * The central-difference gradient of {@code sum(seed * score)} with respect to the model's input
   * at {@code x}, for tests that compile and run gradient graphs themselves. The model should be
   * smooth near x (no kink within {@code eps}); nothing is skipped here.
   */
  public static float[] numericGradient(ModelProto model, String input, String score, FloatTensor x,
      float[] seed, double eps) {
    GradientCheck check = new GradientCheck(model, input, score);
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "reference"));
    try (OnnxSession s = new OnnxSession(prepared, 1)) {
      double[] d = check.objectives(s, x, seed, eps, check.canStack(s, x, hasSymbolicBatch(prepared)));
      float[] result = new float[d.length];
      for (int i = 0; i < d.length; i++) {
        result[i] = (float) d[i];
      }
      return result;
    }
  }

  private static boolean hasSymbolicBatch(OnnxModel model) {
    return model.graph().inputs().get(0).getType().getTensorType().getShape().getDim(0).hasDimParam();
  }

  /**
   * Central differences of the objective for every element. When {@code stacked}, the perturbed
   * inputs are stacked into large batches and run together; that needs a model that accepts any
   * batch size and whose samples do not interact (see {@link #canStack}).
   */
  private double[] objectives(OnnxSession s, FloatTensor x, float[] seed, double h, boolean stacked) {
    return stacked ? objectivesStacked(s, x, seed, h) : objectivesOneByOne(s, x, seed, h);
  }

  /**
   * Whether perturbed copies of x may be run as one big batch: the model must accept any batch
   * size and treat samples independently (no op reducing or broadcasting over the batch axis).
   */
  private boolean canStack(OnnxSession s, FloatTensor x, boolean batchDynamic) {
    return batchDynamic && !samplesInteract(s, x);
  }

  /**
   * True when running x together with other samples changes the outputs for x. The other samples
   * must differ from x: a mean over the batch does not notice copies of the same samples.
   */
  private boolean samplesInteract(OnnxSession s, FloatTensor x) {
    float[] alone = s.run(Map.of(input, x), List.of(score)).get(score).data();
    float[] others = new float[x.data().length];
    for (int i = 0; i < others.length; i++) {
      others[i] = -1.5f * x.data()[i] + 0.25f;
    }
    FloatTensor both = new FloatTensor(withBatch(x.shape(), 2 * x.shape()[0]), concat(x.data(), others));
    float[] stacked = s.run(Map.of(input, both), List.of(score)).get(score).data();
    return stacked.length != 2 * alone.length
        || !Arrays.equals(alone, Arrays.copyOf(stacked, alone.length));
  }

  private double[] objectivesOneByOne(OnnxSession s, FloatTensor x, float[] seed, double h) {
    double[] result = new double[x.data().length];
    for (int e = 0; e < result.length; e++) {
      double[] obj = new double[2];
      for (int sign = 0; sign < 2; sign++) {
        float[] data = x.data().clone();
        data[e] += sign == 0 ? h : -h;
        float[] out = s.run(Map.of(input, new FloatTensor(x.shape(), data)), List.of(score)).get(score).data();
        obj[sign] = dot(seed, out);
      }
      result[e] = (obj[0] - obj[1]) / (2 * h);
    }
    return result;
  }

  private double[] objectivesStacked(OnnxSession s, FloatTensor x, float[] seed, double h) {
    int numel = x.data().length;
    long n = x.shape()[0];
    int itemSize = numel / (int) n;
    long[] itemShape = Arrays.copyOfRange(x.shape(), 1, x.shape().length);
    double[] result = new double[numel];
    int chunk = Math.max(1, 512 / (int) n);
    for (int start = 0; start < numel; start += chunk) {
      int end = Math.min(numel, start + chunk);
      List<FloatTensor> copies = new ArrayList<>();
      for (int e = start; e < end; e++) {
        for (int sign = 0; sign < 2; sign++) {
          float[] data = x.data().clone();
          data[e] += sign == 0 ? h : -h;
          for (int b = 0; b < n; b++) {
            copies.add(new FloatTensor(itemShape, Arrays.copyOfRange(data, b * itemSize, (b + 1) * itemSize)));
          }
        }
      }
      FloatTensor batch = FloatTensor.stack(copies);
      float[] out = s.run(Map.of(input, batch), List.of(score)).get(score).data();
      int perSample = out.length / copies.size();
      for (int e = start; e < end; e++) {
        double[] obj = new double[2];
        for (int sign = 0; sign < 2; sign++) {
          int base = ((e - start) * 2 + sign) * (int) n;
          double sum = 0;
          for (int b = 0; b < n; b++) {
            for (int k = 0; k < perSample; k++) {
              sum += (double) seed[b * perSample + k] * out[(base + b) * perSample + k];
            }
          }
          obj[sign] = sum;
        }
        result[e] = (obj[0] - obj[1]) / (2 * h);
      }
    }
    return result;
  }

  private static double dot(float[] seed, float[] out) {
    if (seed.length != out.length) {
      throw new AssertionError("the score has " + out.length + " elements but the seed " + seed.length);
    }
    double sum = 0;
    for (int k = 0; k < out.length; k++) {
      sum += (double) seed[k] * out[k];
    }
    return sum;
  }

  private static long[] withBatch(long[] shape, long batch) {
    long[] s = shape.clone();
    s[0] = batch;
    return s;
  }

  private static float[] concat(float[] a, float[] b) {
    float[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  /**
   * Checks the gradient with respect to a float initializer (a weight) at input {@code x}: the
   * numeric side perturbs the initializer in the model and re-runs it.
   */
  public Result verifyInitializer(FloatTensor x, String initializer) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "test model"));
    ShapeTable shapes = ShapeProbe.probe(prepared, input, x.shape(), false);
    GradientGraph compiled = new GradientCompiler(rules).compile(prepared, shapes,
        GradientRequest.builder(score).wrt(initializer).top1Seed(false).build());
    long n = x.shape()[0];
    int perSample = Math.toIntExact(shapes.shape(score).elementCountFrom(1));
    Random random = new Random(seedValue);
    float[] seed = new float[Math.toIntExact(n * perSample)];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (float) random.nextGaussian();
    }
    float[] analytic;
    try (OnnxSession s = new OnnxSession(compiled.model(), 1)) {
      analytic = s.run(Map.of(input, x, compiled.seedInput(), new FloatTensor(new long[] {n, perSample}, seed)),
          List.of(compiled.gradientOutputs().get(initializer))).values().iterator().next().data();
    }
    TensorProto weights = prepared.graph().initializers().get(initializer);
    if (weights == null) {
      throw new IllegalArgumentException("the model has no initializer named '" + initializer + "'");
    }
    float[] w = Tensors.toFloats(weights);
    double maxError = 0;
    double maxGradient = 0;
    String worst = "";
    float[] numeric = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      double[] obj = new double[2];
      for (int sign = 0; sign < 2; sign++) {
        float[] v = w.clone();
        v[i] += sign == 0 ? eps : -eps;
        ModelProto perturbed = withInitializer(model, initializer, v);
        try (OnnxSession s = new OnnxSession(ModelPreparer.prepare(OnnxModel.of(perturbed, "p")), 1)) {
          float[] out = s.run(Map.of(input, x), List.of(score)).get(score).data();
          double sum = 0;
          for (int k = 0; k < out.length; k++) {
            sum += (double) seed[k] * out[k];
          }
          obj[sign] = sum;
        }
      }
      numeric[i] = (float) ((obj[0] - obj[1]) / (2 * eps));
      maxGradient = Math.max(maxGradient, Math.abs(analytic[i]));
      double err = Math.abs(analytic[i] - numeric[i]);
      if (err > maxError) {
        maxError = err;
        worst = "element " + i + ": analytic " + analytic[i] + ", numeric " + numeric[i];
      }
    }
    Result r = new Result(w.length, 0, maxError, maxGradient, worst, analytic, numeric);
    if (!r.passed(rtol, atol) || maxGradient == 0) {
      throw new AssertionError("weight gradient mismatch for " + initializer + ": max error " + maxError
          + " vs max gradient " + maxGradient + " (" + worst + ")");
    }
    return r;
  }

  // ---------------------------------------------------------------- helpers for building inputs

  /** Gaussian values. */
  public static FloatTensor gaussian(long seed, long... shape) {
    FloatTensor t = FloatTensor.zeros(shape);
    Random r = new Random(seed);
    for (int i = 0; i < t.data().length; i++) {
      t.data()[i] = (float) r.nextGaussian();
    }
    return t;
  }

  /**
   * Distinct values, at least 0.05 apart and at least 0.05 away from 0, in random order: no ties for
   * max pooling and no values at a ReLU kink.
   */
  public static FloatTensor distinct(long seed, long... shape) {
    FloatTensor t = FloatTensor.zeros(shape);
    int n = t.data().length;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, new Random(seed));
    for (int i = 0; i < n; i++) {
      float v = (order.get(i) - n / 2f) * 0.05f;
      t.data()[i] = v >= 0 ? v + 0.025f : v - 0.025f;
    }
    return t;
  }

  /** A copy of the model with a float initializer replaced (for gradient checks of weights). */
  public static ModelProto withInitializer(ModelProto model, String name, float[] values) {
    GraphProto.Builder g = model.getGraph().toBuilder();
    for (int i = 0; i < g.getInitializerCount(); i++) {
      TensorProto t = g.getInitializer(i);
      if (t.getName().equals(name)) {
        g.setInitializer(i, Tensors.floats(name, Tensors.dims(t), values));
      }
    }
    return model.toBuilder().setGraph(g).build();
  }
}
