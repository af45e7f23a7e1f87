package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.BackwardVariant;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.DoublePredicate;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The masks of ReLU-like activations must be exactly 0 or 1, also at and next to the bounds. With 16
 * channels the rules build them in the form ONNX Runtime keeps in its blocked layout (convolution and
 * tanh), with 3 channels from comparisons; both must give the same exact masks. The gradient of
 * {@code sum(activation(x))} is the mask itself.
 */
class PassMaskTest {
  private static final float BELOW_SIX = Math.nextDown(6f);
  private static final float ABOVE_ZERO_A_LITTLE = 1e-12f;

  /** Values at, beside and between the bounds 0 and 6, repeated over all elements. */
  private static final float[] PROBES = {-1f, 0f, ABOVE_ZERO_A_LITTLE, 1e-6f, 0.5f, 3f, BELOW_SIX, 6f, 7f, 1e6f};

  private static float[] probeInput(long elements) {
    float[] x = new float[Math.toIntExact(elements)];
    for (int i = 0; i < x.length; i++) {
      x[i] = PROBES[i % PROBES.length];
    }
    return x;
  }

  private static float[] mask(ModelProto model, long[] shape, BackwardVariant variant, List<String> ops) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "mask model"));
    ShapeTable shapes = ShapeProbe.probe(prepared, "x", shape, true);
    GradientGraph compiled = new GradientCompiler().compile(prepared, shapes,
        GradientRequest.builder("y").wrt("x").variant(variant).top1Seed(false).build());
    for (NodeProto n : compiled.model().graph().nodes()) {
      ops.add(n.getOpType());
    }
    long elements = 1;
    for (long d : shape) {
      elements *= d;
    }
    float[] ones = new float[Math.toIntExact(elements)];
    Arrays.fill(ones, 1f);
    try (OnnxSession s = new OnnxSession(compiled.model(), 1)) {
      Map<String, FloatTensor> out = s.run(
          Map.of("x", new FloatTensor(shape, probeInput(elements)),
              compiled.seedInput(), new FloatTensor(new long[] {shape[0], elements / shape[0]}, ones)),
          List.of(compiled.gradientOutputs().get("x")));
      return out.values().iterator().next().data();
    }
  }

  private static void assertMask(float[] mask, DoublePredicate passes) {
    for (int i = 0; i < mask.length; i++) {
      float x = PROBES[i % PROBES.length];
      assertThat(mask[i]).as("mask at x = %s", x).isEqualTo(passes.test(x) ? 1f : 0f);
    }
  }

  private static ModelProto model(long[] shape, BiFunction<GraphBuilder, String, String> body) {
    return Models.single(shape, body);
  }

  @ParameterizedTest(name = "{0} channels")
  @ValueSource(longs = {3, 16})
  void relu6MaskIsExactAtAndBesideBothBounds(long channels) {
    long[] shape = {1, channels, 2, 5};
    List<String> ops = new ArrayList<>();
    float[] mask = mask(model(shape, (b, x) -> b.node("Clip").inputs(x, b.constScalar(0f), b.constScalar(6f)).output()),
        shape, BackwardVariant.STANDARD, ops);
    assertMask(mask, x -> x > 0 && x < 6);
    assertThat(ops).contains(channels == 16 ? "Tanh" : "Greater");
  }

  @ParameterizedTest(name = "{0} channels")
  @ValueSource(longs = {3, 16})
  void reluMaskIsExactAtAndBesideZero(long channels) {
    long[] shape = {1, channels, 2, 5};
    List<String> ops = new ArrayList<>();
    float[] mask = mask(model(shape, (b, x) -> b.relu(x)), shape, BackwardVariant.STANDARD, ops);
    assertMask(mask, x -> x > 0);
    assertThat(ops).contains(channels == 16 ? "Tanh" : "Greater");
  }

  @ParameterizedTest(name = "{0} channels")
  @ValueSource(longs = {3, 16})
  void clipWithOnlyAnUpperBoundMasksAboveIt(long channels) {
    long[] shape = {1, channels, 2, 5};
    float[] mask = mask(model(shape, (b, x) -> b.node("Clip").inputs(x, "", b.constScalar(6f)).output()),
        shape, BackwardVariant.STANDARD, new ArrayList<>());
    assertMask(mask, x -> x < 6);
  }

  @ParameterizedTest(name = "{0} channels")
  @ValueSource(longs = {3, 16})
  void guidedRelu6KeepsTheMaskUnderAPositiveSeed(long channels) {
    long[] shape = {1, channels, 2, 5};
    float[] mask = mask(model(shape, (b, x) -> b.node("Clip").inputs(x, b.constScalar(0f), b.constScalar(6f)).output()),
        shape, BackwardVariant.GUIDED, new ArrayList<>());
    assertMask(mask, x -> x > 0 && x < 6);
  }
}
