package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.UnsupportedBackwardException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.gradcam4j.testing.GradientCheck.distinct;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.ModelPreparer;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.onnx.ShapeTable;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.runtime.ShapeProbe;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * The compiler as a whole: gradients of tensors used more than once, several differentiated
 * tensors in one request, graphs that run at batch sizes they were not probed at, the top-1 seed,
 * and the errors for graphs it cannot differentiate.
 */
class GradientCompilerTest {
  private static final long[] SHAPE = {2, 3, 5, 5};

  @Test
  void aTensorUsedByATwoBranchResidualSumsBothContributions() {
    var model = Models.single(SHAPE, (b, x) -> {
      String t = b.node("Conv").inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 3, 3, 3)).attrInts("pads", 1, 1, 1, 1)
          .output();
      return b.add(b.op("Tanh", t), t);
    });
    GradientCheck.of(model, "x", "y").verify(gaussian(1, SHAPE));
  }

  @Test
  void aTensorFannedOutToThreeConsumersSumsAllContributions() {
    var model = Models.single(SHAPE, (b, x) -> {
      String t = b.op("Tanh", x);
      String rowMean = b.reduceMean(t, new long[] {2}, true);
      return b.node("Concat").inputs(b.op("Sigmoid", t), b.mul(t, t), rowMean).attr("axis", 2L).output();
    });
    GradientCheck.of(model, "x", "y").verify(gaussian(2, SHAPE));
  }

  @Test
  void anIntermediateTensorAndTheInputInOneRequest() {
    BiFunction<GraphBuilder, String, String> head = (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.4f, 4, 3, 3, 3)).attrInts("pads", 1, 1, 1, 1).output("t");
    BiFunction<GraphBuilder, String, String> tail = (b, t) -> b.node("Flatten")
        .inputs(b.op("GlobalAveragePool", b.op("Tanh", t))).output();
    ModelProto full = Models.single(SHAPE, (b, x) -> tail.apply(b, head.apply(b, x)));
    ModelProto tailOnly = Models.single(new long[] {2, 4, 5, 5}, tail);
    FloatTensor x = gaussian(3, SHAPE);
    float[] seed = randomSeed(4, 2 * 4);

    GradientGraph g = compile(full, SHAPE, true,
        GradientRequest.builder("y").wrt("t", "x").top1Seed(false).build());
    assertThat(g.activationOutputs()).containsExactly("t");
    Map<String, FloatTensor> out = run(g, x, seed, null, List.of("t", g.gradientOutputs().get("t"),
        g.gradientOutputs().get("x")));

    float[] numericX = GradientCheck.numericGradient(full, "x", "y", x, seed, 1e-2);
    float[] numericT = GradientCheck.numericGradient(tailOnly, "x", "y", out.get("t"), seed, 1e-2);
    assertClose(out.get(g.gradientOutputs().get("x")).data(), numericX, 2e-3);
    assertClose(out.get(g.gradientOutputs().get("t")).data(), numericT, 2e-3);
  }

  /**
   * Compiled from shapes probed at batch sizes 1 and 2, the graph runs at batch 3, and every
   * sample's gradient is the one it gets alone, and the one a graph compiled for batch 1 gives.
   */
  @Test
  void aGraphProbedAtBatchOneAndTwoRunsAtBatchThree() {
    ModelProto model = Models.single(new long[] {1, 3, 8, 8}, GradientCompilerTest::smallNetwork);
    GradientRequest request = GradientRequest.builder("y").wrt("x").top1Seed(false).build();
    GradientGraph generic = compile(model, new long[] {1, 3, 8, 8}, true, request);
    GradientGraph single = compile(model, new long[] {1, 3, 8, 8}, false, request);
    FloatTensor batch = distinct(5, 3, 3, 8, 8);
    float[] seed = randomSeed(6, 3 * 5);

    float[] together = run(generic, batch, seed, null, List.of(generic.gradientOutputs().get("x")))
        .values().iterator().next().data();
    int itemSize = batch.itemSize();
    for (int i = 0; i < 3; i++) {
      float[] itemSeed = Arrays.copyOfRange(seed, i * 5, (i + 1) * 5);
      FloatTensor sample = FloatTensor.stack(List.of(batch.item(i)));
      float[] alone = run(generic, sample, itemSeed, null, List.of(generic.gradientOutputs().get("x")))
          .values().iterator().next().data();
      float[] fromSingle = run(single, sample, itemSeed, null, List.of(single.gradientOutputs().get("x")))
          .values().iterator().next().data();
      float[] slice = Arrays.copyOfRange(together, i * itemSize, (i + 1) * itemSize);
      assertClose(slice, alone, 1e-5);
      assertClose(slice, fromSingle, 1e-5);
      assertThat(maxAbs(slice)).as("sample %d has a gradient", i).isGreaterThan(1e-3);
    }
  }

  /** Conv, BatchNormalization, Relu, MaxPool, Split, Concat, Resize, AveragePool, GAP, Gemm, LogSoftmax. */
  private static String smallNetwork(GraphBuilder b, String x) {
    String t = b.node("Conv").inputs(x, Models.weights(b, "w1", 1, 0.3f, 4, 3, 3, 3)).attrInts("pads", 1, 1, 1, 1)
        .output();
    t = b.node("BatchNormalization").inputs(t, b.initializer("s", new long[] {4}, new float[] {1, 0.5f, 2, 1}),
        b.initializer("b", new long[] {4}, new float[] {0.1f, 0, -0.1f, 0.2f}),
        b.initializer("m", new long[] {4}, new float[] {0, 0.1f, 0, -0.1f}),
        b.initializer("v", new long[] {4}, new float[] {1, 2, 0.5f, 1})).output();
    t = b.relu(t);
    t = b.node("MaxPool").inputs(t).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
        .attrInts("pads", 1, 1, 1, 1).output();
    String[] halves = b.node("Split").inputs(t, b.constInts(2, 2)).attr("axis", 1L).outputs(2);
    t = b.node("Concat").inputs(b.op("Tanh", halves[0]), halves[1]).attr("axis", 1L).output();
    t = b.node("Resize").inputs(t, "", b.constFloats(new long[] {4}, new float[] {1, 1, 2, 2}))
        .attr("mode", "linear").output();
    t = b.node("AveragePool").inputs(t).attrInts("kernel_shape", 3, 3).attrInts("strides", 2, 2)
        .attrInts("pads", 1, 1, 1, 1).attr("count_include_pad", 1L).output();
    t = b.node("Flatten").inputs(b.op("GlobalAveragePool", t)).output();
    t = b.op("Gemm", t, Models.weights(b, "w2", 2, 0.5f, 4, 5), Models.weights(b, "c", 3, 0.1f, 5));
    return b.op("LogSoftmax", t);
  }

  /** With top1 weights w, the seed gains w times the one-hot vector of each sample's arg-max. */
  @Test
  void theTop1InputSeedsEachSamplesHighestScore() {
    // Class scores from the channel means of a convolution: which class wins depends on the input.
    ModelProto model = Models.single(new long[] {1, 3, 8, 8}, (b, x) -> b.op("Gemm",
        b.node("Flatten").inputs(b.op("GlobalAveragePool", b.op("Tanh", b.node("Conv")
            .inputs(x, Models.weights(b, "w1", 1, 0.5f, 4, 3, 3, 3)).output()))).output(),
        Models.weights(b, "w2", 2, 1f, 4, 5)));
    GradientGraph g = compile(model, new long[] {1, 3, 8, 8}, true,
        GradientRequest.builder("y").wrt("x").build());
    assertThat(g.top1Input()).isEqualTo(GradientCompiler.TOP1_INPUT);
    // The model is odd (no biases), so the negated sample scores the negated scores: its arg-max is
    // the first sample's arg-min.
    FloatTensor first = gaussian(7, 3, 8, 8);
    float[] negated = first.data().clone();
    for (int i = 0; i < negated.length; i++) {
      negated[i] = -negated[i];
    }
    FloatTensor x = FloatTensor.stack(List.of(first, new FloatTensor(first.shape(), negated)));
    String grad = g.gradientOutputs().get("x");
    float[] scores = run(g, x, new float[10], new float[2], List.of("y")).get("y").data();
    int best0 = ArgMax.of(scores, 0, 5);
    int best1 = ArgMax.of(scores, 5, 10) - 5;
    assertThat(best0).as("the two samples should prefer different classes").isNotEqualTo(best1);

    float[] seed = randomSeed(8, 10);
    float[] viaTop1 = run(g, x, seed, new float[] {1f, 0.5f}, List.of(grad)).get(grad).data();
    float[] explicit = seed.clone();
    explicit[best0] += 1f;
    explicit[5 + best1] += 0.5f;
    float[] viaSeed = run(g, x, explicit, new float[2], List.of(grad)).get(grad).data();
    assertClose(viaTop1, viaSeed, 1e-6);
    float[] seedOnly = run(g, x, seed, new float[2], List.of(grad)).get(grad).data();
    assertThat(maxAbsDifference(viaTop1, seedOnly)).isGreaterThan(1e-3);
  }

  @Test
  void anOpWithoutARuleOnThePathFailsAtCompileTime() {
    ModelProto model = Models.single(SHAPE, (b, x) -> b.relu(b.node("Sin").inputs(b.op("Tanh", x)).output("wave")));
    assertThatThrownBy(() -> compile(model, SHAPE, true, GradientRequest.builder("y").wrt("x").build()))
        .isInstanceOf(UnsupportedBackwardException.class)
        .hasMessageContaining("'Sin'")
        .hasMessageContaining("Sin_node")
        .hasMessageContaining("Supported ops: ")
        .hasMessageContaining("Relu")
        .hasMessageContaining("MaxPool");
  }

  @Test
  void severalOpsWithoutRulesAreAllNamed() {
    ModelProto model = Models.single(SHAPE, (b, x) -> b.op("Cos", b.op("Sin", b.op("Sin", x))));
    assertThatThrownBy(() -> compile(model, SHAPE, true, GradientRequest.builder("y").wrt("x").build()))
        .isInstanceOf(UnsupportedBackwardException.class)
        .hasMessageContaining("'Sin'")
        .hasMessageContaining("and 1 more")
        .hasMessageContaining("Other ops without a rule: Cos");
  }

  @Test
  void anOpWithoutARuleAfterTheScoreIsIgnored() {
    GraphBuilder b = new GraphBuilder("test", 17);
    String x = b.input("x", DataType.FLOAT, "N", 3L, 5L, 5L);
    b.identityNamed(b.op("Tanh", x), "y");
    b.identityNamed(b.op("Sin", "y"), "z");
    b.output("y", DataType.FLOAT).output("z", DataType.FLOAT);
    GradientCheck.of(b.buildModel(), "x", "y").verify(gaussian(9, SHAPE));
  }

  @Test
  void anOpWithoutARuleThatOnlyFeedsAShapeIsIgnored() {
    ModelProto model = Models.single(SHAPE,
        (b, x) -> b.reshape(b.op("Tanh", x), b.shape(b.op("Sin", x))));
    GradientCheck.of(model, "x", "y").verify(gaussian(10, SHAPE));
  }

  @Test
  void aScoreThatDoesNotDependOnTheTensorIsReported() {
    GraphBuilder b = new GraphBuilder("test", 17);
    String x = b.input("x", DataType.FLOAT, "N", 3L, 5L, 5L);
    b.node("Relu").inputs(x).output("branch");
    b.identityNamed(b.op("Tanh", x), "y");
    b.output("y", DataType.FLOAT);
    ModelProto model = b.buildModel();
    assertThatThrownBy(() -> compile(model, SHAPE, true, GradientRequest.builder("y").wrt("branch").build()))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("'y' does not depend on 'branch'");
  }

  @Test
  void anUnknownTensorIsReported() {
    ModelProto model = Models.single(SHAPE, (b, x) -> b.op("Tanh", x));
    assertThatThrownBy(() -> compile(model, SHAPE, true, GradientRequest.builder("y").wrt("conv9").build()))
        .isInstanceOf(GradCamException.class)
        .hasMessageContaining("no tensor named 'conv9'");
  }

  // ---------------------------------------------------------------- helpers

  private static GradientGraph compile(ModelProto model, long[] shape, boolean batchGeneric, GradientRequest r) {
    OnnxModel prepared = ModelPreparer.prepare(OnnxModel.of(model, "test model"));
    ShapeTable shapes = ShapeProbe.probe(prepared, "x", shape, batchGeneric);
    return new GradientCompiler().compile(prepared, shapes, r);
  }

  private static Map<String, FloatTensor> run(GradientGraph g, FloatTensor x, float[] seed, float[] top1,
      List<String> outputs) {
    long n = x.shape()[0];
    Map<String, FloatTensor> inputs = new java.util.HashMap<>();
    inputs.put("x", x);
    inputs.put(g.seedInput(), new FloatTensor(new long[] {n, seed.length / n}, seed));
    if (top1 != null) {
      inputs.put(g.top1Input(), new FloatTensor(new long[] {n}, top1));
    }
    try (OnnxSession s = new OnnxSession(g.model(), 1)) {
      return s.run(inputs, outputs);
    }
  }

  private static float[] randomSeed(long seed, int n) {
    Random r = new Random(seed);
    float[] s = new float[n];
    for (int i = 0; i < n; i++) {
      s[i] = (float) r.nextGaussian();
    }
    return s;
  }

  private static void assertClose(float[] actual, float[] expected, double tolerance) {
    assertThat(actual).hasSameSizeAs(expected);
    double scale = Math.max(1, maxAbs(expected));
    assertThat(maxAbsDifference(actual, expected)).isCloseTo(0, within(tolerance * scale));
  }

  private static double maxAbsDifference(float[] a, float[] b) {
    double m = 0;
    for (int i = 0; i < a.length; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double maxAbs(float[] a) {
    double m = 0;
    for (float v : a) {
      m = Math.max(m, Math.abs(v));
    }
    return m;
  }
}
