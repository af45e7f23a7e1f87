package org.gradcam4j.cli;

import org.gradcam4j.methods.IntegratedGradients;
import org.gradcam4j.methods.MethodOptions;
import org.gradcam4j.methods.SmoothGrad;
import picocli.CommandLine.Option;

/** Settings of individual methods; each option names the method it affects. */
final class MethodOptionsMixin {
  private static final MethodOptions DEFAULTS = MethodOptions.defaults();

  @Option(names = "--signed", description = "saliency: keep the gradient's sign instead of |gradient|.")
  boolean signed;

  @Option(names = "--relu-only",
      description = "guided-backprop, deconvnet, guided-gradcam: change only Relu nodes, not ReLU6-style Clips (Captum's behaviour).")
  boolean reluOnly;

  @Option(names = "--samples", paramLabel = "N", description = "smoothgrad: noisy samples per image (default: 25).")
  Integer samples;

  @Option(names = "--noise", paramLabel = "F", description = "smoothgrad: noise sigma / (max - min) of the image (default: 0.15).")
  Float noise;

  @Option(names = "--smooth-type", paramLabel = "TYPE",
      description = "smoothgrad: smoothgrad (mean), smoothgrad_sq (mean square) or vargrad (variance) (default: smoothgrad).")
  SmoothGrad.Type smoothType;

  @Option(names = "--ig-steps", paramLabel = "N", description = "integrated-gradients: integration steps (default: 50).")
  Integer steps;

  @Option(names = "--ig-baseline", paramLabel = "NAME",
      description = "integrated-gradients: zero, blur or uniform (default: zero).")
  IntegratedGradients.Baseline baseline;

  @Option(names = "--window", paramLabel = "PIXELS", description = "occlusion: patch size (default: 16).")
  Integer window;

  @Option(names = "--stride", paramLabel = "PIXELS", description = "occlusion: patch step (default: 8).")
  Integer stride;

  @Option(names = "--fill", paramLabel = "F", description = "occlusion: value of the occluded patch, in model input units (default: 0).")
  Float fill;

  @Option(names = "--masks", paramLabel = "N", description = "rise: number of random masks (default: 2000).")
  Integer masks;

  @Option(names = "--cells", paramLabel = "N", description = "rise: grid cells per side (default: 7).")
  Integer cells;

  @Option(names = "--keep-probability", paramLabel = "P", description = "rise: probability that a cell is kept (default: 0.5).")
  Float keep;

  @Option(names = "--method-seed", paramLabel = "N", description = "Seed of the random methods (rise, smoothgrad) (default: 0).")
  Long seed;

  @Option(names = "--aug-smooth", description = "CAM methods: average over flipped and brightness-scaled copies (test-time augmentation).")
  boolean augSmooth;

  @Option(names = "--eigen-smooth", description = "CAM methods: first principal component of the weighted activations instead of their sum.")
  boolean eigenSmooth;

  MethodOptions resolve(int batchSize) {
    MethodOptions d = DEFAULTS;
    return new MethodOptions(
        batchSize,
        !signed,
        reluOnly,
        samples != null ? samples : d.smoothSamples(),
        noise != null ? noise : d.smoothNoise(),
        smoothType != null ? smoothType : d.smoothType(),
        steps != null ? steps : d.igSteps(),
        baseline != null ? baseline : d.igBaseline(),
        window != null ? window : d.occlusionWindow(),
        stride != null ? stride : d.occlusionStride(),
        fill != null ? fill : d.occlusionFill(),
        masks != null ? masks : d.riseMasks(),
        cells != null ? cells : d.riseCells(),
        keep != null ? keep : d.riseProbability(),
        seed != null ? seed : d.seed(),
        augSmooth,
        eigenSmooth);
  }
}
