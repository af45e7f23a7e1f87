package org.gradcam4j.autodiff.rules;

import org.gradcam4j.onnx.proto.Onnx.NodeProto;

/**
 * The backward (vector-Jacobian product) of one ONNX op type: given the gradients of a node's
 * outputs, it emits ordinary ONNX nodes that compute the gradients of its inputs.
 *
 * <p>Rules are small and stateless; {@link RuleRegistry} maps op types to them. A rule reads
 * forward tensors, attributes and shapes through the {@link BackwardContext} and reports each input
 * gradient with {@link BackwardContext#addGradient}.
 */
public interface BackwardRule {
  /**
   * Whether a gradient can flow into input {@code index}. Inputs for which this is false (shapes,
   * axes, scales, indices) are treated as constants. The default is the first input only.
   */
  default boolean isDifferentiable(NodeProto node, int index) {
    return index == 0;
  }

  /** Emits the nodes computing the gradients of the inputs that {@link BackwardContext#needsGradient}. */
  void backward(BackwardContext ctx);
}
