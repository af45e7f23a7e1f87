package org.gradcam4j.autodiff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.TensorShape;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;

/**
 * Runs a test model (input "x", output "y") forward, or through its gradient graph under a backward
 * variant, for the tests of the DeepLIFT and LRP variants, which compare tensors of one run with each
 * other (relevance layer by layer) or with plain forward values (secants).
 */
final class VariantRun {
  private VariantRun() {}

  /** The tensors' values and gradients of one run of the compiled graph. */
  record Result(Map<String, float[]> values, Map<String, float[]> gradients) {}

  /** Gradients of {@code sum(seed * y)} with respect to each of {@code wrt}, and those tensors' values. */
  static Result gradients(ModelProto model, BackwardVariant variant, FloatTensor x, float[] seed, String... wrt) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "test model"));
    ShapeTable shapes = ShapeProbe.probe(prepared, "x", x.shape(), true);
    GradientGraph g = new GradientCompiler().compile(prepared, shapes,
        GradientRequest.builder("y").wrt(wrt).variant(variant).top1Seed(false).exposeActivations(true).build());
    TensorShape scoreShape = shapes.shape("y");
    long n = x.shape()[0];
    List<String> outputs = new ArrayList<>(g.gradientOutputs().values());
    outputs.addAll(g.activationOutputs());
    try (OnnxSession s = new OnnxSession(g.model(), 1)) {
      Map<String, FloatTensor> out = s.run(Map.of("x", x, g.seedInput(),
          new FloatTensor(new long[] {n, scoreShape.elementCountFrom(1)}, seed)), outputs);
      Map<String, float[]> values = new LinkedHashMap<>();
      Map<String, float[]> gradients = new LinkedHashMap<>();
      for (String t : wrt) {
        gradients.put(t, out.get(g.gradientOutputs().get(t)).data());
        values.put(t, t.equals("x") ? x.data() : out.get(t).data());
      }
      return new Result(values, gradients);
    }
  }

  /** The values of {@code tensor} (an output or any intermediate tensor) in a plain forward run. */
  static float[] forward(ModelProto model, FloatTensor x, String tensor) {
    var graph = model.getGraph().toBuilder();
    if (graph.getOutputList().stream().noneMatch(o -> o.getName().equals(tensor))) {
      graph.addOutput(org.gradcam4j.onnx.proto.Onnx.ValueInfoProto.newBuilder().setName(tensor)
          .setType(org.gradcam4j.onnx.proto.Onnx.TypeProto.newBuilder()));
    }
    OnnxModel m = OnnxModel.of(model.toBuilder().setGraph(graph).build(), "test model");
    try (OnnxSession s = new OnnxSession(m, 1)) {
      return s.run(Map.of("x", x), List.of(tensor)).get(tensor).data();
    }
  }

  /** {@code sum(a * b)} over the elements of sample {@code i} (each sample has {@code a.length / n} elements). */
  static double dot(float[] a, float[] b, int i, int n) {
    int size = a.length / n;
    double s = 0;
    for (int k = i * size; k < (i + 1) * size; k++) {
      s += (double) a[k] * b[k];
    }
    return s;
  }
}
