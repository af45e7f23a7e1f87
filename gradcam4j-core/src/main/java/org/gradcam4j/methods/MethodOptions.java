package org.gradcam4j.methods;

/**
 * Settings of the methods that have any; every field has the default the CLI documents.
 *
 * @param batchSize images per ONNX Runtime run for methods that make many passes (Score-CAM,
 *     Ablation-CAM, occlusion, RISE, SmoothGrad, Integrated Gradients)
 * @param absoluteSaliency saliency as |gradient| (Simonyan et al., Captum's default) or signed
 * @param reluOnly guided backpropagation / deconvnet change only Relu nodes, not ReLU6-style Clips
 *     (Captum's behaviour)
 * @param smoothSamples SmoothGrad noisy samples per image
 * @param smoothNoise SmoothGrad noise level: standard deviation / (max - min) of the input
 * @param smoothType "smoothgrad" (mean gradient), "smoothgrad_sq" (mean square) or "vargrad" (variance)
 * @param igSteps Integrated Gradients integration steps
 * @param igBaseline "zero" (all-zero input tensor), "black" (a black image, pre-processed) or "blur"
 * @param occlusionWindow occlusion patch size in pixels
 * @param occlusionStride occlusion step in pixels
 * @param occlusionFill value the occluded patch is set to, in the model's input space
 * @param riseMasks number of RISE masks
 * @param riseCells RISE grid size (cells per side)
 * @param riseProbability probability that a RISE cell is kept
 * @param seed seed of random methods (RISE, SmoothGrad)
 * @param augSmooth test-time augmentation smoothing of CAM maps (flips and brightness, averaged)
 * @param eigenSmooth replace the weighted sum of a CAM by the first principal component of the
 *     weighted activations
 */
public record MethodOptions(
    int batchSize,
    boolean absoluteSaliency,
    boolean reluOnly,
    int smoothSamples,
    float smoothNoise,
    String smoothType,
    int igSteps,
    String igBaseline,
    int occlusionWindow,
    int occlusionStride,
    float occlusionFill,
    int riseMasks,
    int riseCells,
    float riseProbability,
    long seed,
    boolean augSmooth,
    boolean eigenSmooth) {

  public static MethodOptions defaults() {
    return new MethodOptions(32, true, false, 25, 0.15f, "smoothgrad", 50, "zero", 16, 8, 0f, 2000, 7, 0.5f, 0,
        false, false);
  }

  public MethodOptions withBatchSize(int n) {
    return new MethodOptions(n, absoluteSaliency, reluOnly, smoothSamples, smoothNoise, smoothType, igSteps,
        igBaseline, occlusionWindow, occlusionStride, occlusionFill, riseMasks, riseCells, riseProbability, seed,
        augSmooth, eigenSmooth);
  }
}
