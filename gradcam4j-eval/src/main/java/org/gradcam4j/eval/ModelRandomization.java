package org.gradcam4j.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphView;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.Tensors;
import org.gradcam4j.onnx.proto.Onnx.GraphProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TensorProto;

/**
 * The cascading model-parameter randomisation of Adebayo et al. ("Sanity Checks for Saliency Maps",
 * NeurIPS 2018): copies of a model whose top {@code k} parametrised layers (Conv, ConvTranspose, Gemm,
 * MatMul with weights stored as initializers) have random weights, {@code k = 1, 2, ...} from the
 * output down.
 *
 * <p>Choices: a layer's float initializers (weights and bias) are replaced by zero-mean Gaussian values
 * whose standard deviation is the root mean square of the values they replace, so activations keep a
 * similar scale (the paper re-draws from the layer's training initialisation, which an ONNX file does
 * not record; common initialisations are zero-mean too). A bias that is all zero stays zero. The
 * values depend only on the seed and the initializer's name, so a layer randomised in one cascade step
 * has the same random weights in every later step, as the cascade requires.
 */
final class ModelRandomization {
  private static final Set<String> PARAMETRISED = Set.of("Conv", "ConvTranspose", "Gemm", "MatMul");

  /** A parametrised layer, named by its weight tensor, and the initializers it owns. */
  record Layer(String name, List<String> initializers) {}

  private ModelRandomization() {}

  /** The parametrised layers, from the output down (the first is the top layer). */
  static List<Layer> topDown(OnnxModel model) {
    GraphView g = model.graph();
    List<Layer> layers = new ArrayList<>();
    for (NodeProto n : g.nodes()) {
      if (!PARAMETRISED.contains(n.getOpType()) || !n.getDomain().isEmpty()) {
        continue;
      }
      List<String> inits = new ArrayList<>();
      String weights = null;
      for (String in : n.getInputList()) {
        TensorProto t = g.initializers().get(in);
        if (t != null && t.getDataType() == DataType.FLOAT.code()) {
          inits.add(in);
          if (weights == null && t.getDimsCount() >= 2) {
            weights = in;
          }
        }
      }
      if (weights != null) {
        // Exporters name weights after the layer ("features.3.conv.weight", "conv10_w"); node names
        // are often generic, so the weight's name is the more telling label.
        layers.add(new Layer(weights, inits));
      }
    }
    List<Layer> reversed = new ArrayList<>(layers.size());
    for (int i = layers.size() - 1; i >= 0; i--) {
      reversed.add(layers.get(i));
    }
    return reversed;
  }

  /** A copy of {@code model} with the first {@code count} of {@code topDown} randomised. */
  static OnnxModel randomiseTop(OnnxModel model, List<Layer> topDown, int count, long seed) {
    if (count > topDown.size()) {
      throw new GradCamException("cannot randomise " + count + " layers: the model has " + topDown.size()
          + " parametrised layers");
    }
    Map<String, Integer> position = new HashMap<>();
    GraphProto graph = model.proto().getGraph();
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      position.put(graph.getInitializer(i).getName(), i);
    }
    GraphProto.Builder gb = graph.toBuilder();
    for (int l = 0; l < count; l++) {
      for (String name : topDown.get(l).initializers()) {
        int at = position.get(name);
        gb.setInitializer(at, randomLike(graph.getInitializer(at), seed));
      }
    }
    return model.withProto(model.proto().toBuilder().setGraph(gb).build());
  }

  /**
   * Zero-mean Gaussian values with the root mean square of {@code original}'s values as standard
   * deviation: the scale of the trained weights, with random signs as a fresh initialisation has.
   */
  static TensorProto randomLike(TensorProto original, long seed) {
    float[] values = Tensors.toFloats(original);
    double sq = 0;
    for (float v : values) {
      sq += (double) v * v;
    }
    double rms = values.length == 0 ? 0 : Math.sqrt(sq / values.length);
    if (rms == 0) {
      return original;
    }
    Random rng = new Random(seed * 0x9E3779B97F4A7C15L ^ original.getName().hashCode());
    float[] random = new float[values.length];
    for (int i = 0; i < random.length; i++) {
      random[i] = (float) (rms * rng.nextGaussian());
    }
    return Tensors.floats(original.getName(), Tensors.dims(original), random);
  }
}
