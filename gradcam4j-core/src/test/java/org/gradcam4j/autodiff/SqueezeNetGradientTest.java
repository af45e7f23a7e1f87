package org.gradcam4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.onnx.proto.Onnx.TypeProto;
import org.gradcam4j.onnx.proto.Onnx.ValueInfoProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.api.Test;

/**
 * The input gradient of a real opset-13 model (SqueezeNet 1.1, from the shared test data) goes
 * through its three overlapping 3x3/2 MaxPools, whose rule needs the opset-16 ScatterElements: the
 * upgrade must make that possible, and the result must be the model's true gradient. The check is
 * the finite-difference slope along the computed gradient's own direction, at two step sizes: it
 * equals the gradient's norm only if the gradient has the right direction and size (a random
 * direction would be nearly orthogonal to it, leaving a slope too small to measure).
 */
class SqueezeNetGradientTest {
  private static final String INPUT = "data_0";
  private static final String SCORES = "pool10_1";

  @Test
  void theInputGradientGoesThroughTheMaxPools() {
    OnnxModel original = OnnxModel.load(SharedData.model(SharedData.SQUEEZENET));
    assertThat(original.defaultOpset()).isEqualTo(13);
    assertThat(original.graph().nodes()).filteredOn(n -> n.getOpType().equals("MaxPool")).hasSize(3);
    OnnxModel prepared = ModelPreparer.prepare(original);
    long[] shape = {1, 3, 224, 224};
    ShapeTable shapes = ShapeProbe.probe(prepared, INPUT, shape, true);
    GradientGraph g = new GradientCompiler().compile(prepared, shapes,
        GradientRequest.builder(SCORES).wrt(INPUT).top1Seed(false).keepModelOutputs(false).build());
    assertThat(g.model().graph().nodes()).filteredOn(SqueezeNetGradientTest::scattersMaxima).hasSize(3);

    Random random = new Random(1);
    FloatTensor x = FloatTensor.zeros(shape);
    for (int i = 0; i < x.data().length; i++) {
      x.data()[i] = (float) (50 * random.nextGaussian());
    }
    float[] seed = new float[g.classCount()];
    for (int i = 0; i < seed.length; i++) {
      seed[i] = (float) random.nextGaussian();
    }

    float[] gradient;
    try (OnnxSession s = new OnnxSession(g.model(), 0)) {
      gradient = s.run(Map.of(INPUT, x, g.seedInput(), new FloatTensor(new long[] {1, seed.length}, seed)),
          List.of(g.gradientOutputs().get(INPUT))).get(g.gradientOutputs().get(INPUT)).data();
    }
    double norm = 0;
    for (float v : gradient) {
      norm += (double) v * v;
    }
    norm = Math.sqrt(norm);
    FloatTensor direction = FloatTensor.zeros(shape);
    for (int i = 0; i < gradient.length; i++) {
      direction.data()[i] = (float) (gradient[i] / norm);
    }
    double analytic = norm;
    // The unchanged model, with the class scores exposed as an output for the finite differences.
    var withScores = original.proto().toBuilder();
    withScores.getGraphBuilder().addOutput(ValueInfoProto.newBuilder().setName(SCORES)
        .setType(TypeProto.newBuilder()));
    try (OnnxSession s = new OnnxSession(original.withProto(withScores.build()), 0)) {
      // Steps of 1 and 0.5 along a unit vector move a pixel by about 0.003 and 0.0013 (inputs ~ 50);
      // much larger steps cross enough ReLU and max switches to bend the slope by a few percent.
      double coarse = directionalDifference(s, x, direction, seed, 1);
      double fine = directionalDifference(s, x, direction, seed, 0.5);
      // The two steps agree where the objective is smooth along the line; then so must the gradient.
      assertThat(fine).isCloseTo(coarse, within(0.01 * Math.abs(coarse)));
      assertThat(analytic).isCloseTo(fine, within(0.01 * Math.abs(fine)));
      assertThat(Math.abs(analytic)).isGreaterThan(1e-3);
    }
  }

  /** A MaxPool's backward: ScatterElements adding into the arg-max positions. */
  private static boolean scattersMaxima(NodeProto n) {
    return n.getOpType().equals("ScatterElements") && n.getAttributeList().stream()
        .anyMatch(a -> a.getName().equals("reduction") && a.getS().toStringUtf8().equals("add"));
  }

  private static double directionalDifference(OnnxSession s, FloatTensor x, FloatTensor v, float[] seed, double h) {
    return (objective(s, x, v, seed, h) - objective(s, x, v, seed, -h)) / (2 * h);
  }

  private static double objective(OnnxSession s, FloatTensor x, FloatTensor v, float[] seed, double t) {
    float[] moved = x.data().clone();
    for (int i = 0; i < moved.length; i++) {
      moved[i] += (float) (t * v.data()[i]);
    }
    float[] scores = s.run(Map.of(INPUT, new FloatTensor(x.shape(), moved)), List.of(SCORES)).get(SCORES).data();
    double sum = 0;
    for (int k = 0; k < scores.length; k++) {
      sum += (double) seed[k] * scores[k];
    }
    return sum;
  }
}
