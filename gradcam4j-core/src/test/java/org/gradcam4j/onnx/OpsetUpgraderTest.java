package org.gradcam4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * Every conversion of {@link OpsetUpgrader}: a small model in the old opset runs in ONNX Runtime,
 * and the model {@link ModelPreparer#prepare} makes of it (opset 16) must give the same outputs.
 * Where ONNX Runtime no longer runs the old form, the expected outputs are computed here. Nodes that
 * cannot be converted faithfully must be refused with a message naming them.
 */
class OpsetUpgraderTest {
  private static final long[] S = {2, 3, 4, 5};

  // ---------------------------------------------------------------- softmax family (opset 13)

  @Test
  void softmaxBefore13NormalisesEverythingFromItsAxis() {
    assertSameOutputs(model(11, S, (b, x) -> b.node("Softmax").inputs(x).attr("axis", 1L).output()), gaussian(1, S));
    assertSameOutputs(model(11, S, (b, x) -> b.op("Softmax", x)), gaussian(2, S));
    assertSameOutputs(model(11, S, (b, x) -> b.node("LogSoftmax").inputs(x).attr("axis", 2L).output()),
        gaussian(3, S));
    assertSameOutputs(model(11, S, (b, x) -> b.node("Hardmax").inputs(x).attr("axis", 1L).output()), gaussian(4, S));
  }

  @Test
  void aWeightHoldingFewerValuesThanItsDimensionsIsRefusedByName() {
    // found by fuzzing: ONNX Runtime aborts the whole process on such a Conv weight
    OnnxModel broken = convWithWeightDims(4L, 3L, 4L, 3L, 3L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelPreparer.prepare(broken))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("weight 'w' declares 432 values [4, 3, 4, 3, 3] but holds 108");
  }

  @Test
  void aWeightWhoseDimensionsOverflowIsRefusedByName() {
    OnnxModel broken = convWithWeightDims(1L << 40, 1L << 40, 3L, 3L);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelPreparer.prepare(broken))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("weight 'w' declares more values than can be counted");
  }

  /** A Conv with a [4, 3, 3, 3] weight "w" (108 values) whose declared dimensions are replaced by {@code dims}. */
  private static OnnxModel convWithWeightDims(Long... dims) {
    var proto = model(16, new long[] {1, 3, 8, 8}, (b, x) -> b.node("Conv").inputs(x,
        org.gradcam4j.testing.Models.weights(b, "w", 1, 0.1f, 4, 3, 3, 3)).output());
    var graph = proto.getGraph().toBuilder();
    for (int i = 0; i < graph.getInitializerCount(); i++) {
      if (graph.getInitializer(i).getName().equals("w")) {
        graph.setInitializer(i, graph.getInitializer(i).toBuilder().clearDims().addAllDims(java.util.List.of(dims)));
      }
    }
    return OnnxModel.of(proto.toBuilder().setGraph(graph).build(), "broken.onnx");
  }

  @Test
  void aNodeWithoutItsOutputIsRefusedWithItsName() {
    // found by fuzzing: an opset-11 Softmax with no output made the upgrader index past the end
    var proto = model(11, S, (b, x) -> b.node("Softmax").inputs(x).output());
    var graph = proto.getGraph().toBuilder();
    graph.setNode(0, graph.getNode(0).toBuilder().setName("soft").clearOutput());
    OnnxModel broken = OnnxModel.of(proto.toBuilder().setGraph(graph).build(), "broken.onnx");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ModelPreparer.prepare(broken))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("node 'soft' (Softmax) has 1 input(s) and 0 output(s)");
  }

  // ---------------------------------------------------------------- attributes that became inputs

  @Test
  void clipBoundsFromAttributes() {
    for (long opset : new long[] {6, 10}) {
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Clip").inputs(x).attr("min", -0.5f).attr("max", 0.8f)
          .output()), gaussian(5, S));
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Clip").inputs(x).attr("max", 0.3f).output()), gaussian(6, S));
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Clip").inputs(x).attr("min", 0f).output()), gaussian(7, S));
    }
  }

  @Test
  void padFromAttributes() {
    for (long opset : new long[] {2, 10}) {
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Pad").inputs(x).attrInts("pads", 0, 0, 1, 2, 0, 1, 0, 3)
          .attr("value", 0.5f).output()), gaussian(8, S));
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Pad").inputs(x).attrInts("pads", 0, 0, 2, 1, 0, 0, 1, 2)
          .attr("mode", "reflect").output()), gaussian(9, S));
      assertSameOutputs(model(opset, S, (b, x) -> b.node("Pad").inputs(x).attrInts("pads", 0, 0, 1, 1, 0, 0, 2, 1)
          .attr("mode", "edge").output()), gaussian(10, S));
    }
  }

  @Test
  void sliceFromAttributes() {
    assertSameOutputs(model(9, S, (b, x) -> b.node("Slice").inputs(x).attrInts("starts", 1, -3)
        .attrInts("ends", 3, 100).attrInts("axes", 2, 3).output()), gaussian(11, S));
    assertSameOutputs(model(9, S, (b, x) -> b.node("Slice").inputs(x).attrInts("starts", 0, 1, 1)
        .attrInts("ends", 1000, 3, -1).output()), gaussian(12, S));
  }

  @Test
  void axesAndSplitAttributesOfOpset11() {
    long[] ones = {2, 1, 4, 1};
    assertSameOutputs(model(11, ones, (b, x) -> b.node("Squeeze").inputs(x).attrInts("axes", 1, -1).output()),
        gaussian(13, ones));
    assertSameOutputs(model(11, S, (b, x) -> b.node("Unsqueeze").inputs(x).attrInts("axes", 1, 5).output()),
        gaussian(14, S));
    assertSameOutputs(model(11, S, (b, x) -> b.node("ReduceSum").inputs(x).attrInts("axes", 1, 3)
        .attr("keepdims", 0L).output()), gaussian(15, S));
    assertSameOutputs(model(11, S, (b, x) -> b.node("ReduceSum").inputs(x).output()), gaussian(16, S));
    assertSameOutputs(model(11, S, (b, x) -> {
      String[] parts = b.node("Split").inputs(x).attrInts("split", 1, 2).attr("axis", 1L).outputs(2);
      return b.add(b.mul(parts[0], b.constScalar(2f)), parts[1]);
    }), gaussian(17, S));
  }

  @Test
  void reshapeWithAShapeAttribute() {
    ModelProto old = model(4, S, (b, x) -> b.node("Reshape").inputs(x).attrInts("shape", 0, 12, -1).output());
    FloatTensor x = gaussian(18, S);
    FloatTensor upgraded = runUpgraded(old, x);
    assertThat(upgraded.shape()).containsExactly(2, 12, 5);
    assertThat(upgraded.data()).containsExactly(x.data());
    assertSameOutputs(old, x);
  }

  // ---------------------------------------------------------------- removed and legacy ops

  @Test
  void upsampleOfOpset7And9() {
    FloatTensor x = gaussian(19, S);
    for (String mode : new String[] {"nearest", "linear"}) {
      assertSameOutputs(model(7, S, (b, in) -> b.node("Upsample").inputs(in).attr("mode", mode)
          .attrFloats("scales", 1, 1, 2, 3).output()), x);
      assertSameOutputs(model(9, S, (b, in) -> b.node("Upsample")
          .inputs(in, b.constFloats(new long[] {4}, new float[] {1, 1, 2.5f, 1.5f})).attr("mode", mode).output()), x);
    }
  }

  /** Nearest rounding before opset 11 differs between axes that grow and axes that shrink. */
  @Test
  void resizeOfOpset10() {
    FloatTensor x = gaussian(20, 2, 3, 6, 7);
    float[][] all = {{1, 1, 2, 1.5f}, {1, 1, 0.5f, 0.7f}, {1, 1, 0.6f, 1.8f}, {1, 1, 1.7f, 0.45f}, {1, 1, 1, 0.8f}};
    for (String mode : new String[] {"nearest", "linear"}) {
      for (float[] scales : all) {
        assertSameOutputs(model(10, x.shape(), (b, in) -> b.node("Resize")
            .inputs(in, b.constFloats(new long[] {4}, scales)).attr("mode", mode).output()), x);
      }
    }
    // Scales from a Constant node are read as well.
    assertSameOutputs(model(10, x.shape(), (b, in) -> b.node("Resize").inputs(in, b.node("Constant")
        .attr("value", Tensors.floats("", new long[] {4}, new float[] {1, 1, 0.6f, 1.8f})).output())
        .attr("mode", "nearest").output()), x);
  }

  @Test
  void nearestResizeOfOpset10WithScalesComputedAtRunTimeIsRefused() {
    ModelProto old = model(10, S, (b, x) -> b.node("Resize")
        .inputs(x, b.node("Cast").inputs(b.shape(x)).attr("to", (long) DataType.FLOAT.code()).output())
        .attr("mode", "nearest").output());
    assertRefused(old, "Resize", "computed at run time");
  }

  @Test
  void dropoutOfOpset7And10WithItsMaskUnused() {
    assertSameOutputs(model(7, S, (b, x) -> b.node("Dropout").inputs(x).attr("ratio", 0.3f).outputs(2)[0]),
        gaussian(21, S));
    assertSameOutputs(model(10, S, (b, x) -> b.node("Dropout").inputs(x).attr("ratio", 0.3f).outputs(2)[0]),
        gaussian(22, S));
    assertSameOutputs(model(7, S, (b, x) -> b.op("Dropout", x)), gaussian(23, S));
  }

  @Test
  void batchNormalizationOfOpset7WithSpatial1() {
    ModelProto old = model(7, S, (b, x) -> b.node("BatchNormalization").inputs(x,
        b.initializer("scale", new long[] {3}, new float[] {0.5f, -1.5f, 2f}),
        b.initializer("bias", new long[] {3}, new float[] {0.1f, 0.2f, -0.3f}),
        b.initializer("mean", new long[] {3}, new float[] {0.3f, -0.2f, 0.1f}),
        b.initializer("var", new long[] {3}, new float[] {0.5f, 2f, 1.2f}))
        .attr("spatial", 1L).attr("epsilon", 1e-3f).output());
    assertSameOutputs(old, gaussian(24, S));
  }

  @Test
  void imageScalerOfOpset8() {
    ModelProto old = model(8, S, (b, x) -> b.node("ImageScaler").inputs(x).attr("scale", 1.5f)
        .attrFloats("bias", 0.5f, -1f, 2f).output());
    FloatTensor x = gaussian(25, S);
    float[] expected = new float[x.data().length];
    float[] bias = {0.5f, -1f, 2f};
    for (int i = 0; i < expected.length; i++) {
      int channel = (i / 20) % 3;
      expected[i] = 1.5f * x.data()[i] + bias[channel];
    }
    assertThat(runUpgraded(old, x).data()).containsExactly(expected, offset(1e-6f));
    assertSameOutputs(old, x);
  }

  @Test
  void legacyBroadcastAndGemmAttributes() {
    ModelProto add = model(6, S, (b, x) -> b.node("Add").inputs(x, b.constFloats(new long[] {4, 5}, ramp(20)))
        .attr("broadcast", 1L).output());
    FloatTensor x = gaussian(26, S);
    float[] expected = x.data().clone();
    for (int i = 0; i < expected.length; i++) {
      expected[i] += ramp(20)[i % 20];
    }
    assertThat(runUpgraded(add, x).data()).containsExactly(expected, offset(1e-6f));
    assertOnnxRuntimeNoLongerRuns(add, x, "Add(6)");

    ModelProto gemm = model(6, new long[] {2, 4}, (b, in) -> b.node("Gemm")
        .inputs(in, b.constFloats(new long[] {4, 3}, ramp(12)), b.constFloats(new long[] {3}, ramp(3)))
        .attr("broadcast", 1L).attr("alpha", 0.5f).output());
    FloatTensor a = gaussian(27, 2, 4);
    float[] product = new float[6];
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 3; j++) {
        float sum = 0;
        for (int k = 0; k < 4; k++) {
          sum += a.data()[i * 4 + k] * ramp(12)[k * 3 + j];
        }
        product[i * 3 + j] = 0.5f * sum + ramp(3)[j];
      }
    }
    assertThat(runUpgraded(gemm, a).data()).containsExactly(product, offset(1e-5f));
    assertOnnxRuntimeNoLongerRuns(gemm, a, "Gemm(6)");
    assertThat(upgradedNodes(gemm)).allSatisfy(n -> assertThat(Attrs.has(n, "broadcast")).isFalse());
  }

  @Test
  void concatBefore4GetsItsDefaultAxis() {
    ModelProto old = model(3, S, (b, x) -> b.node("Concat").inputs(x, x).output());
    assertThat(Attrs.getInt(single(upgradedNodes(old), "Concat"), "axis", -1)).isEqualTo(1);
  }

  @Test
  void scatterBecomesScatterElements() {
    ModelProto old = model(9, S, (b, x) -> b.node("Scatter")
        .inputs(x, b.node("Constant").attr("value", Tensors.int64s("", new long[] {1, 1, 1, 1}, new long[] {2}))
            .output(), b.constFloats(new long[] {1, 1, 1, 1}, new float[] {9f}))
        .attr("axis", 2L).output());
    FloatTensor x = gaussian(28, 1, 3, 4, 5);
    FloatTensor upgraded = runUpgraded(old, x);
    float[] expected = x.data().clone();
    expected[2 * 5] = 9f;
    assertThat(upgraded.data()).containsExactly(expected);
    assertThat(upgradedNodes(old)).noneMatch(n -> n.getOpType().equals("Scatter"));
  }

  @Test
  void roiAlignBefore16KeepsItsOldCoordinates() {
    ModelProto old = model(10, S, (b, x) -> b.node("RoiAlign")
        .inputs(x, b.constFloats(new long[] {1, 4}, new float[] {0, 0, 3, 2}),
            b.node("Constant").attr("value", Tensors.int64s("", new long[] {1}, new long[] {0})).output())
        .attr("output_height", 2L).attr("output_width", 2L).output());
    assertThat(Attrs.getString(single(upgradedNodes(old), "RoiAlign"), "coordinate_transformation_mode", ""))
        .isEqualTo("output_half_pixel");
    assertSameOutputs(old, gaussian(29, 1, 3, 4, 5));
  }

  @Test
  void modernModelsAreLeftAlone() {
    ModelProto modern = model(17, S, (b, x) -> b.op("Softmax", x));
    assertThat(ModelPreparer.prepare(OnnxModel.of(modern, "m")).proto()).isEqualTo(modern);
  }

  // ---------------------------------------------------------------- conversions that are refused

  @Test
  void aDropoutWhoseMaskIsUsedIsRefused() {
    ModelProto old = model(7, S, (b, x) -> {
      String[] outs = b.node("Dropout").inputs(x).attr("ratio", 0.3f).outputs(2);
      return b.add(outs[0], outs[1]);
    });
    assertRefused(old, "Dropout", "mask output is used");
  }

  @Test
  void aDropoutOfOpset13MayUseItsMask() {
    ModelProto modern = model(13, S, (b, x) -> {
      String[] outs = b.node("Dropout").inputs(x).outputs(2);
      return b.add(outs[0], b.node("Cast").inputs(outs[1]).attr("to", (long) DataType.FLOAT.code()).output());
    });
    assertSameOutputs(modern, gaussian(30, S));
  }

  @Test
  void perElementBatchNormalizationIsRefused() {
    ModelProto old = model(7, S, (b, x) -> b.node("BatchNormalization").inputs(x,
        b.constFloats(new long[] {3, 4, 5}, ramp(60)), b.constFloats(new long[] {3, 4, 5}, ramp(60)),
        b.constFloats(new long[] {3, 4, 5}, ramp(60)), b.constFloats(new long[] {3, 4, 5}, ramp(60)))
        .attr("spatial", 0L).output());
    assertRefused(old, "BatchNormalization", "spatial=0");
  }

  @Test
  void otherUnconvertibleNodesAreRefused() {
    assertRefused(model(11, S, (b, x) -> b.node("Resize").inputs(x, b.constFloats(new long[] {0}, new float[0]),
        b.constFloats(new long[] {4}, new float[] {1, 1, 2, 2})).attr("mode", "nearest")
        .attr("coordinate_transformation_mode", "tf_half_pixel_for_nn").output()), "Resize", "tf_half_pixel_for_nn");
    assertRefused(model(5, S, (b, x) -> b.node("Cast").inputs(x).attr("to", "FLOAT").output()), "Cast", "type name");
    assertRefused(model(6, S, (b, x) -> b.node("Add").inputs(x, b.constFloats(new long[] {3}, ramp(3)))
        .attr("broadcast", 1L).attr("axis", 1L).output()), "Add", "'axis' broadcasting");
    assertRefused(model(4, S, (b, x) -> b.node("Reshape").inputs(x).output()), "Reshape", "'shape'");
    assertRefused(model(9, S, (b, x) -> b.node("Slice").inputs(x).attrInts("axes", 1).output()), "Slice", "'starts'");
    assertRefused(model(7, S, (b, x) -> b.node("Upsample").inputs(x).attr("mode", "nearest").output()), "Upsample",
        "no scales");
  }

  // ---------------------------------------------------------------- helpers

  private static ModelProto model(long opset, long[] shape, BiFunction<GraphBuilder, String, String> body) {
    return Models.single(opset, shape, body);
  }

  private static OnnxModel upgraded(ModelProto old) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(old, "old model"));
    assertThat(prepared.defaultOpset()).isEqualTo(ModelPreparer.MIN_OPSET);
    return prepared;
  }

  private static List<NodeProto> upgradedNodes(ModelProto old) {
    return upgraded(old).graph().nodes();
  }

  private static FloatTensor runUpgraded(ModelProto old, FloatTensor x) {
    return run(upgraded(old), x);
  }

  private static FloatTensor run(OnnxModel model, FloatTensor x) {
    try (OnnxSession s = new OnnxSession(model, 1)) {
      return s.run(Map.of("x", x), List.of("y")).get("y");
    }
  }

  /** The old model runs in ONNX Runtime and the upgraded one gives the same outputs. */
  private static void assertSameOutputs(ModelProto old, FloatTensor x) {
    FloatTensor expected = run(OnnxModel.of(old, "old model"), x);
    FloatTensor actual = runUpgraded(old, x);
    assertThat(actual.shape()).containsExactly(expected.shape());
    assertThat(actual.data()).containsExactly(expected.data(), offset(1e-6f));
  }

  /**
   * ONNX Runtime refuses the old form for want of a kernel of that opset version (so the caller checks
   * the values itself), and for no other reason. Should a later ONNX Runtime run it again, this fails:
   * then the caller should compare with ONNX Runtime through {@link #assertSameOutputs}.
   */
  private static void assertOnnxRuntimeNoLongerRuns(ModelProto old, FloatTensor x, String opTypeAndVersion) {
    assertThatThrownBy(() -> run(OnnxModel.of(old, "old model"), x))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("ORT_NOT_IMPLEMENTED")
        .hasMessageContaining("Could not find an implementation for " + opTypeAndVersion + " node");
  }

  private static void assertRefused(ModelProto old, String opType, String reason) {
    assertThatThrownBy(() -> ModelPreparer.prepare(OnnxModel.of(old, "old model")))
        .isInstanceOf(ModelFormatException.class)
        .hasMessageContaining("(" + opType + ")")
        .hasMessageContaining(reason);
  }

  private static NodeProto single(List<NodeProto> nodes, String opType) {
    List<NodeProto> found = nodes.stream().filter(n -> n.getOpType().equals(opType)).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static float[] ramp(int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) {
      v[i] = 0.25f * i - 1f;
    }
    return v;
  }
}
