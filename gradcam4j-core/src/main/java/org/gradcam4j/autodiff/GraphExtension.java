package org.gradcam4j.autodiff;

import java.util.Map;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.TensorShape;

/**
 * Nodes appended to a compiled gradient graph, computing something from activations and their
 * gradients inside ONNX Runtime (for example a Grad-CAM map), so that it runs in the same
 * {@code session.run} and can be exported with the graph.
 */
public interface GraphExtension {
  /** What an extension can refer to. */
  interface Inputs {
    /** Gradient tensor of a differentiated tensor. */
    String gradient(String wrtTensor);

    TensorShape shape(String tensor);

    /** The score tensor reshaped to [N, K]. */
    String scores2d();
  }

  /**
   * Emits the extension's nodes and returns its outputs: a logical name (such as "cam") for each
   * tensor that should become a graph output.
   */
  Map<String, String> extend(GraphBuilder builder, Inputs inputs);

  /** Identifies the extension's configuration in cache keys. */
  String cacheKey();
}
