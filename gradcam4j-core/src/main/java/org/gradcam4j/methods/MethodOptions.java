package org.gradcam4j.methods;

import org.gradcam4j.autodiff.rules.LrpRules;
import org.gradcam4j.image.Segmentation;

/**
 * Settings of the methods that have any. {@link #defaults()} gives the values the CLI documents; change
 * a few with {@link #toBuilder()}, e.g. {@code defaults().toBuilder().occlusionWindow(8).build()}.
 *
 * @param batchSize images per ONNX Runtime run for methods that make many passes (Score-CAM,
 *     Ablation-CAM, occlusion, RISE, SmoothGrad, Integrated Gradients, the segment perturbation methods)
 * @param absoluteSaliency saliency as |gradient| (Simonyan et al., Captum's default) or signed
 * @param reluOnly guided backpropagation / deconvnet change only Relu nodes, not ReLU6-style Clips
 *     (Captum's behaviour)
 * @param smoothSamples SmoothGrad noisy samples per image
 * @param smoothNoise SmoothGrad noise level: standard deviation / (max - min) of the input
 * @param smoothType how SmoothGrad combines the gradients of the noisy copies
 * @param igSteps Integrated Gradients integration steps
 * @param igBaseline where the Integrated Gradients path starts: an all-zero input, uniform noise or a
 *     blurred copy of the image
 * @param occlusionWindow occlusion patch size in pixels
 * @param occlusionStride occlusion step in pixels
 * @param occlusionFill value the occluded patch (occlusion) or a removed segment (LIME, KernelSHAP,
 *     Shapley sampling, feature ablation) is set to, in the model's input space
 * @param riseMasks number of RISE masks
 * @param riseCells RISE grid size (cells per side)
 * @param riseProbability probability that a RISE cell is kept
 * @param seed seed of random methods (RISE, SmoothGrad, LIME, KernelSHAP, Shapley sampling)
 * @param augSmooth test-time augmentation smoothing of CAM maps (flips and brightness, averaged)
 * @param eigenSmooth replace the weighted sum of a CAM by the first principal component of the
 *     weighted activations
 * @param baselines DeepLIFT and GradientSHAP: how many reference inputs of kind {@code igBaseline} to
 *     average over (DeepLIFT-SHAP when above 1; draw k of a uniform baseline uses seed + k)
 * @param lrp the LRP rules: per layer kind (convolution, linear), epsilon and gamma
 * @param superpixels how LIME, KernelSHAP, Shapley sampling and feature ablation cut the image into
 *     segments (SLIC superpixels or a grid); removed segments take {@link #occlusionFill()}
 * @param segments about how many segments they cut it into
 * @param compactness SLIC's weight of distance in space against distance in colour
 * @param coalitions LIME and KernelSHAP: coalitions of segments scored per image
 * @param limeKernelWidth LIME: width of the exponential kernel on the cosine distance
 * @param shapleyPermutations Shapley value sampling: orders of the segments per image
 */
public record MethodOptions(
    int batchSize,
    boolean absoluteSaliency,
    boolean reluOnly,
    int smoothSamples,
    float smoothNoise,
    SmoothGrad.Type smoothType,
    int igSteps,
    IntegratedGradients.Baseline igBaseline,
    int occlusionWindow,
    int occlusionStride,
    float occlusionFill,
    int riseMasks,
    int riseCells,
    float riseProbability,
    long seed,
    boolean augSmooth,
    boolean eigenSmooth,
    int baselines,
    LrpRules lrp,
    Segmentation.Kind superpixels,
    int segments,
    float compactness,
    int coalitions,
    float limeKernelWidth,
    int shapleyPermutations) {
  public MethodOptions {
    java.util.Objects.requireNonNull(smoothType, "smoothType");
    java.util.Objects.requireNonNull(superpixels, "superpixels");
    java.util.Objects.requireNonNull(igBaseline, "igBaseline");
    java.util.Objects.requireNonNull(lrp, "lrp");
  }

  public static MethodOptions defaults() {
    return new Builder().build();
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  public MethodOptions withBatchSize(int n) {
    return toBuilder().batchSize(n).build();
  }

  /** Builds options; a new builder holds the defaults, the one place where they are stated. */
  public static final class Builder {
    private int batchSize = 32;
    private boolean absoluteSaliency = true;
    private boolean reluOnly;
    private int smoothSamples = 25;
    private float smoothNoise = 0.15f;
    private SmoothGrad.Type smoothType = SmoothGrad.Type.SMOOTHGRAD;
    private int igSteps = 50;
    private IntegratedGradients.Baseline igBaseline = IntegratedGradients.Baseline.ZERO;
    private int occlusionWindow = 16;
    private int occlusionStride = 8;
    private float occlusionFill;
    private int riseMasks = 2000;
    private int riseCells = 7;
    private float riseProbability = 0.5f;
    private long seed;
    private boolean augSmooth;
    private boolean eigenSmooth;
    private int baselines = 1;
    private LrpRules lrp = LrpRules.EPSILON_EVERYWHERE;
    private Segmentation.Kind superpixels = Segmentation.Kind.SLIC;
    private int segments = 50;
    private float compactness = 10f;
    private int coalitions = 1000;
    private float limeKernelWidth = 0.25f;
    private int shapleyPermutations = 25;

    /** A builder holding the defaults. */
    public Builder() {}

    private Builder(MethodOptions o) {
      batchSize = o.batchSize;
      absoluteSaliency = o.absoluteSaliency;
      reluOnly = o.reluOnly;
      smoothSamples = o.smoothSamples;
      smoothNoise = o.smoothNoise;
      smoothType = o.smoothType;
      igSteps = o.igSteps;
      igBaseline = o.igBaseline;
      occlusionWindow = o.occlusionWindow;
      occlusionStride = o.occlusionStride;
      occlusionFill = o.occlusionFill;
      riseMasks = o.riseMasks;
      riseCells = o.riseCells;
      riseProbability = o.riseProbability;
      seed = o.seed;
      augSmooth = o.augSmooth;
      eigenSmooth = o.eigenSmooth;
      baselines = o.baselines;
      lrp = o.lrp;
      superpixels = o.superpixels;
      segments = o.segments;
      compactness = o.compactness;
      coalitions = o.coalitions;
      limeKernelWidth = o.limeKernelWidth;
      shapleyPermutations = o.shapleyPermutations;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder absoluteSaliency(boolean v) {
      absoluteSaliency = v;
      return this;
    }

    public Builder reluOnly(boolean v) {
      reluOnly = v;
      return this;
    }

    public Builder smoothSamples(int v) {
      smoothSamples = v;
      return this;
    }

    public Builder smoothNoise(float v) {
      smoothNoise = v;
      return this;
    }

    public Builder smoothType(SmoothGrad.Type v) {
      smoothType = v;
      return this;
    }

    public Builder igSteps(int v) {
      igSteps = v;
      return this;
    }

    public Builder igBaseline(IntegratedGradients.Baseline v) {
      igBaseline = v;
      return this;
    }

    public Builder occlusionWindow(int v) {
      occlusionWindow = v;
      return this;
    }

    public Builder occlusionStride(int v) {
      occlusionStride = v;
      return this;
    }

    public Builder occlusionFill(float v) {
      occlusionFill = v;
      return this;
    }

    public Builder riseMasks(int v) {
      riseMasks = v;
      return this;
    }

    public Builder riseCells(int v) {
      riseCells = v;
      return this;
    }

    public Builder riseProbability(float v) {
      riseProbability = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder augSmooth(boolean v) {
      augSmooth = v;
      return this;
    }

    public Builder eigenSmooth(boolean v) {
      eigenSmooth = v;
      return this;
    }

    public Builder baselines(int v) {
      baselines = v;
      return this;
    }

    public Builder lrp(LrpRules v) {
      lrp = v;
      return this;
    }

    public Builder superpixels(Segmentation.Kind v) {
      superpixels = v;
      return this;
    }

    public Builder segments(int v) {
      segments = v;
      return this;
    }

    public Builder compactness(float v) {
      compactness = v;
      return this;
    }

    public Builder coalitions(int v) {
      coalitions = v;
      return this;
    }

    public Builder limeKernelWidth(float v) {
      limeKernelWidth = v;
      return this;
    }

    public Builder shapleyPermutations(int v) {
      shapleyPermutations = v;
      return this;
    }

    public MethodOptions build() {
      return new MethodOptions(batchSize, absoluteSaliency, reluOnly, smoothSamples, smoothNoise, smoothType, igSteps,
          igBaseline, occlusionWindow, occlusionStride, occlusionFill, riseMasks, riseCells, riseProbability, seed,
          augSmooth, eigenSmooth, baselines, lrp, superpixels, segments, compactness, coalitions,
          limeKernelWidth, shapleyPermutations);
    }
  }
}
