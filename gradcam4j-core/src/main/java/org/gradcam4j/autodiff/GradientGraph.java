package org.gradcam4j.autodiff;

import java.util.List;
import java.util.Map;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.TensorShape;

/**
 * The result of {@link GradientCompiler#compile}: a self-contained ONNX model computing forward and
 * backward in one run, and the names of its inputs and outputs.
 *
 * @param model the compiled model
 * @param imageInput the image input (unchanged from the original model)
 * @param seedInput float [N, K]: the weights of the differentiated functional {@code sum(seed * score)}
 * @param top1Input float [N] weight of the top-scoring class added to the seed, or {@code null}
 * @param scoreOutput the score tensor (as in the original model)
 * @param scoreShape its shape; K = product of the non-batch dimensions
 * @param modelOutputs the original model outputs, if kept
 * @param activationOutputs the differentiated tensors exposed as outputs (inputs of the model excluded)
 * @param gradientOutputs output name of the gradient of each differentiated tensor
 * @param extensionOutputs outputs added by the request's {@link GraphExtension}s, by "extension key/output name"
 */
public record GradientGraph(
    OnnxModel model,
    String imageInput,
    String seedInput,
    String top1Input,
    String scoreOutput,
    TensorShape scoreShape,
    List<String> modelOutputs,
    List<String> activationOutputs,
    Map<String, String> gradientOutputs,
    Map<String, String> extensionOutputs) {

  /** Number of scores per sample (the K of the seed's [N, K] shape). */
  public int classCount() {
    return Math.toIntExact(scoreShape.elementCountFrom(1));
  }
}
