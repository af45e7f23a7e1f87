package org.gradcam4j.cli;

import org.gradcam4j.autodiff.rules.LrpRules;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Segmentation;
import org.gradcam4j.methods.IntegratedGradients;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.methods.SmoothGrad;
import picocli.CommandLine.Option;

/**
 * Settings of individual methods; each option names the method it affects. Every default is
 * {@link MethodOptions#defaults()}'s, which the help shows.
 */
final class MethodOptionsMixin {
  private static final MethodOptions DEFAULTS = MethodOptions.defaults();

  @Option(names = "--signed", description = "saliency: keep the gradient's sign instead of |gradient|.")
  boolean signed;

  @Option(names = "--relu-only",
      description = "guided-backprop, deconvnet, guided-gradcam: change only Relu nodes, not ReLU6-style Clips (Captum's behaviour).")
  boolean reluOnly;

  @Option(names = "--samples", paramLabel = "N", description = "smoothgrad, gradientshap: noisy samples per image (default: ${DEFAULT-VALUE}).")
  int samples = DEFAULTS.smoothSamples();

  @Option(names = "--noise", paramLabel = "F", description = "smoothgrad, gradientshap: noise sigma / (max - min) of the image (default: ${DEFAULT-VALUE}).")
  float noise = DEFAULTS.smoothNoise();

  @Option(names = "--smooth-type", paramLabel = "TYPE",
      description = "smoothgrad: smoothgrad (mean), smoothgrad_sq (mean square) or vargrad (variance) (default: ${DEFAULT-VALUE}).")
  SmoothGrad.Type smoothType = DEFAULTS.smoothType();

  @Option(names = "--ig-steps", paramLabel = "N", description = "integrated-gradients: integration steps (default: ${DEFAULT-VALUE}).")
  int steps = DEFAULTS.igSteps();

  @Option(names = "--ig-baseline", paramLabel = "NAME",
      description = "integrated-gradients, deeplift, gradientshap: the reference input, zero, blur or uniform (default: ${DEFAULT-VALUE}).")
  IntegratedGradients.Baseline baseline = DEFAULTS.igBaseline();

  @Option(names = "--baselines", paramLabel = "N",
      description = "deeplift, gradientshap: average over N draws of the --ig-baseline reference (deeplift: DeepLIFT-SHAP when N > 1; draws of uniform noise differ, seeded by --method-seed) (default: ${DEFAULT-VALUE}).")
  int baselines = DEFAULTS.baselines();

  @Option(names = "--lrp-conv", paramLabel = "RULE",
      description = "lrp: rule for convolutions: epsilon (relevance in proportion to the contributions), gamma (positive contributions favoured by --lrp-gamma) or zplus (positive contributions only) (default: ${DEFAULT-VALUE}).")
  LrpRules.Rule lrpConv = DEFAULTS.lrp().conv();

  @Option(names = "--lrp-linear", paramLabel = "RULE",
      description = "lrp: rule for linear (Gemm, MatMul) layers: epsilon, gamma or zplus (default: ${DEFAULT-VALUE}). Pooling, batch normalisation and additions always use epsilon.")
  LrpRules.Rule lrpLinear = DEFAULTS.lrp().linear();

  @Option(names = "--lrp-epsilon", paramLabel = "F",
      description = "lrp: stabiliser added to every denominator; larger values absorb weak or contradictory relevance and give sparser maps (default: ${DEFAULT-VALUE}, Captum's).")
  float lrpEpsilon = DEFAULTS.lrp().epsilon();

  @Option(names = "--lrp-gamma", paramLabel = "F",
      description = "lrp: weight of the positive weights in the gamma rule, w + gamma * max(w, 0) (default: ${DEFAULT-VALUE}).")
  float lrpGamma = DEFAULTS.lrp().gamma();

  @Option(names = "--window", paramLabel = "PIXELS", description = "occlusion: patch size (default: ${DEFAULT-VALUE}).")
  int window = DEFAULTS.occlusionWindow();

  @Option(names = "--stride", paramLabel = "PIXELS", description = "occlusion: patch step (default: ${DEFAULT-VALUE}).")
  int stride = DEFAULTS.occlusionStride();

  @Option(names = "--fill", paramLabel = "F",
      description = "occlusion, lime, kernelshap, shapley, feature-ablation: value of the occluded patch or removed segment, in model input units (default: ${DEFAULT-VALUE}).")
  float fill = DEFAULTS.occlusionFill();

  @Option(names = "--masks", paramLabel = "N", description = "rise: number of random masks (default: ${DEFAULT-VALUE}).")
  int masks = DEFAULTS.riseMasks();

  @Option(names = "--cells", paramLabel = "N", description = "rise: grid cells per side (default: ${DEFAULT-VALUE}).")
  int cells = DEFAULTS.riseCells();

  @Option(names = "--keep-probability", paramLabel = "P", description = "rise: probability that a cell is kept (default: ${DEFAULT-VALUE}).")
  float keep = DEFAULTS.riseProbability();

  @Option(names = "--superpixels", paramLabel = "KIND",
      description = "lime, kernelshap, shapley, feature-ablation: segments to switch on and off, slic (SLIC superpixels of the pre-processed image) or grid (square cells) (default: ${DEFAULT-VALUE}).")
  Segmentation.Kind superpixels = DEFAULTS.superpixels();

  @Option(names = "--segments", paramLabel = "N",
      description = "lime, kernelshap, shapley, feature-ablation: about how many segments (default: ${DEFAULT-VALUE}).")
  int segments = DEFAULTS.segments();

  @Option(names = "--compactness", paramLabel = "F",
      description = "slic superpixels: weight of distance in space against colour; larger is more square (default: ${DEFAULT-VALUE}).")
  float compactness = DEFAULTS.compactness();

  @Option(names = "--coalitions", paramLabel = "N",
      description = "lime, kernelshap: coalitions of segments scored per image; kernelshap scores all 2^segments - 2 exactly when that is fewer (default: ${DEFAULT-VALUE}).")
  int coalitions = DEFAULTS.coalitions();

  @Option(names = "--kernel-width", paramLabel = "F",
      description = "lime: width of the exponential kernel on the cosine distance to the whole image (default: ${DEFAULT-VALUE}).")
  float kernelWidth = DEFAULTS.limeKernelWidth();

  @Option(names = "--permutations", paramLabel = "N",
      description = "shapley: random orders of the segments per image, each costing segments - 1 model runs (default: ${DEFAULT-VALUE}).")
  int permutations = DEFAULTS.shapleyPermutations();

  @Option(names = "--method-seed", paramLabel = "N", description = "Seed of the random methods (rise, smoothgrad, gradientshap, uniform baselines, lime, kernelshap, shapley) (default: ${DEFAULT-VALUE}).")
  long seed = DEFAULTS.seed();

  @Option(names = "--aug-smooth", description = "CAM methods: average over flipped and brightness-scaled copies (test-time augmentation).")
  boolean augSmooth;

  @Option(names = "--eigen-smooth", description = "CAM methods: first principal component of the weighted activations instead of their sum.")
  boolean eigenSmooth;

  MethodOptions resolve(int batchSize) {
    return DEFAULTS.toBuilder()
        .batchSize(batchSize)
        .absoluteSaliency(!signed)
        .reluOnly(reluOnly)
        .smoothSamples(samples)
        .smoothNoise(noise)
        .smoothType(smoothType)
        .igSteps(steps)
        .igBaseline(baseline)
        .occlusionWindow(window)
        .occlusionStride(stride)
        .occlusionFill(fill)
        .riseMasks(masks)
        .riseCells(cells)
        .riseProbability(keep)
        .seed(seed)
        .augSmooth(augSmooth)
        .eigenSmooth(eigenSmooth)
        .baselines(baselines)
        .lrp(lrpRules())
        .superpixels(superpixels)
        .segments(segments)
        .compactness(compactness)
        .coalitions(coalitions)
        .limeKernelWidth(kernelWidth)
        .shapleyPermutations(permutations)
        .build();
  }

  private LrpRules lrpRules() {
    try {
      return new LrpRules(lrpConv, lrpLinear, lrpEpsilon, lrpGamma);
    } catch (IllegalArgumentException e) {
      throw new GradCamException("--lrp-epsilon and --lrp-gamma must be >= 0, got " + lrpEpsilon + " and " + lrpGamma);
    }
  }
}
