package org.gradcam4j.autodiff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.autodiff.rules.LrpRules;
import org.gradcam4j.autodiff.rules.LrpRules.Rule;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * LRP as a modified gradient ({@link BackwardVariant.Mode#LRP}):
 * <ul>
 *   <li>each rule through one layer is the true gradient (finite differences) of that layer with the
 *       rule's weights {@code w'} under the seed {@code seed * z / (z' + epsilon * sign(z'))}, z' being
 *       the layer's output with the weights w';
 *   <li>on a ReLU network without biases, relevance (tensor x modified gradient) is conserved from
 *       layer to layer, for the epsilon, gamma and z+ rules;
 *   <li>with epsilon -> 0 it is gradient x input.
 * </ul>
 * Each check is also shown to fail where the identity does not hold.
 */
class LrpRulesTest {
  private static final long[] IMAGE = {2, 3, 5, 5};
  private static final long[] VECTOR = {2, 6};

  private static LrpRules rules(Rule conv, Rule linear, float epsilon) {
    return new LrpRules(conv, linear, epsilon, 0.25f);
  }

  // ---------------------------------------------------------------- one layer against finite differences

  private static final float[] CONV_W = weights(1, 4 * 3 * 3 * 3, 0.5f);
  private static final float[] CONV_B = weights(2, 4, 0.5f);
  private static final float[] LINEAR_W = weights(3, 4 * 6, 0.5f);
  private static final float[] LINEAR_B = weights(4, 4, 0.5f);

  private static ModelProto conv(float[] w) {
    return Models.single(IMAGE, (b, x) -> b.node("Conv").inputs(x, b.initializer("w", new long[] {4, 3, 3, 3}, w),
        b.initializer("b", new long[] {4}, CONV_B)).attrInts("pads", 1, 1, 1, 1).output());
  }

  private static ModelProto linear(float[] w) {
    return Models.single(VECTOR, (b, x) -> b.node("Gemm").inputs(x, b.initializer("w", new long[] {4, 6}, w),
        b.initializer("b", new long[] {4}, LINEAR_B)).attr("transB", 1L).output());
  }

  /** w' of a rule, computed here from its definition. */
  private static float[] modified(float[] w, Rule rule, float gamma) {
    float[] m = new float[w.length];
    for (int i = 0; i < w.length; i++) {
      float positive = Math.max(w[i], 0f);
      m[i] = switch (rule) {
        case EPSILON -> w[i];
        case GAMMA -> w[i] + gamma * positive;
        case ZPLUS -> positive;
      };
    }
    return m;
  }

  /**
   * Checks the LRP gradient of {@code model} (weights w) against the finite differences of the same
   * layer with weights w' under the rescaled seed.
   */
  private static void checkLayer(BiFunction<float[], Boolean, ModelProto> layer, float[] w, FloatTensor x,
      LrpRules rules, Rule rule) {
    ModelProto original = layer.apply(w, true);
    ModelProto primed = layer.apply(modified(w, rule, rules.gamma()), true);
    float[] z = VariantRun.forward(original, x, "y");
    float[] zPrimed = VariantRun.forward(primed, x, "y");
    GradientCheck.of(original, "x", "y").variant(BackwardVariant.lrp(rules), primed, seed -> {
      float[] s = new float[seed.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = seed[i] * z[i] / (zPrimed[i] + (zPrimed[i] < 0 ? -rules.epsilon() : rules.epsilon()));
      }
      return s;
    }).verify(x);
  }

  @Test
  void convolutionRulesAreTheGradientOfTheModifiedLayerUnderTheRescaledSeed() {
    FloatTensor x = positive(gaussian(5, IMAGE));
    for (Rule rule : Rule.values()) {
      LrpRules r = rules(rule, Rule.EPSILON, 0.3f);
      checkLayer((w, unused) -> conv(w), CONV_W, x, r, rule);
    }
    // The check notices a missing rescaling: epsilon = 0.3 is not the plain gradient.
    assertThatThrownBy(() -> GradientCheck.of(conv(CONV_W), "x", "y")
        .variant(BackwardVariant.lrp(rules(Rule.EPSILON, Rule.EPSILON, 0.3f)), conv(CONV_W), s -> s).verify(x))
        .hasMessageContaining("mismatch");
  }

  @Test
  void linearRulesAreTheGradientOfTheModifiedLayerUnderTheRescaledSeed() {
    FloatTensor x = positive(gaussian(6, VECTOR));
    for (Rule rule : Rule.values()) {
      checkLayer((w, unused) -> linear(w), LINEAR_W, x, rules(Rule.EPSILON, rule, 0.3f), rule);
    }
    assertThatThrownBy(() -> checkLayer((w, unused) -> linear(w), LINEAR_W, x, rules(Rule.EPSILON, Rule.GAMMA, 0.3f),
        Rule.ZPLUS)).hasMessageContaining("mismatch");
  }

  @Test
  void poolingUsesTheEpsilonRuleWhateverTheComposite() {
    FloatTensor x = gaussian(7, IMAGE);
    ModelProto pool = Models.single(IMAGE, (b, t) -> b.node("AveragePool").inputs(t).attrInts("kernel_shape", 2, 2)
        .output());
    checkLayer((w, unused) -> pool, new float[0], x, rules(Rule.ZPLUS, Rule.ZPLUS, 0.3f), Rule.EPSILON);
  }

  // ---------------------------------------------------------------- conservation

  private static final String[] LAYERS = {"x", "c1", "r1", "c2", "r2", "pooled", "h", "hr"};

  /** A ReLU network without biases: conv, Relu, conv, Relu, average pooling, linear, Relu, linear. */
  private static ModelProto biasFree() {
    return Models.single(IMAGE, (b, x) -> {
      String c1 = b.node("Conv").inputs(x, Models.weights(b, "w1", 11, 0.5f, 6, 3, 3, 3)).attrInts("pads", 1, 1, 1, 1)
          .outputNamed("c1");
      String r1 = b.node("Relu").inputs(c1).outputNamed("r1");
      String c2 = b.node("Conv").inputs(r1, Models.weights(b, "w2", 12, 0.4f, 4, 6, 3, 3)).attrInts("pads", 1, 1, 1, 1)
          .outputNamed("c2");
      String r2 = b.node("Relu").inputs(c2).outputNamed("r2");
      String pooled = b.node("GlobalAveragePool").inputs(r2).outputNamed("pooled");
      String flat = b.node("Flatten").inputs(pooled).attr("axis", 1L).output();
      String h = b.node("Gemm").inputs(flat, Models.weights(b, "w3", 13, 0.8f, 5, 4)).attr("transB", 1L).outputNamed("h");
      String hr = b.node("Relu").inputs(h).outputNamed("hr");
      return b.node("Gemm").inputs(hr, Models.weights(b, "w4", 14, 0.8f, 3, 5)).attr("transB", 1L).output();
    });
  }

  /** Relevance sum(t * g_t) of every layer for sample 0, the explained score first. */
  private static double[] relevancePerLayer(LrpRules rules, FloatTensor x, float[] seed) {
    ModelProto model = biasFree();
    VariantRun.Result r = VariantRun.gradients(model, BackwardVariant.lrp(rules), x, seed, LAYERS);
    float[] y = VariantRun.forward(model, x, "y");
    double[] sums = new double[LAYERS.length + 1];
    sums[0] = VariantRun.dot(seed, y, 0, 2);
    for (int l = 0; l < LAYERS.length; l++) {
      sums[l + 1] = VariantRun.dot(r.values().get(LAYERS[l]), r.gradients().get(LAYERS[l]), 0, 2);
    }
    return sums;
  }

  @Test
  void relevanceIsConservedLayerByLayerWithoutBiases() {
    FloatTensor x = positive(gaussian(8, IMAGE));
    float[] seed = {1f, 0f, 0f, 0f, 1f, 0f};
    for (LrpRules rules : List.of(rules(Rule.EPSILON, Rule.EPSILON, 1e-9f), rules(Rule.GAMMA, Rule.EPSILON, 1e-9f),
        rules(Rule.ZPLUS, Rule.GAMMA, 1e-9f), rules(Rule.GAMMA, Rule.ZPLUS, 1e-9f))) {
      double[] sums = relevancePerLayer(rules, x, seed);
      assertThat(Math.abs(sums[0])).isGreaterThan(0.1);
      for (int l = 1; l < sums.length; l++) {
        assertThat(sums[l]).as("%s: relevance at %s", rules.key(), l == 0 ? "y" : LAYERS[l - 1])
            .isCloseTo(sums[0], org.assertj.core.data.Offset.offset(1e-5 * Math.abs(sums[0])));
      }
    }
    // A large epsilon absorbs relevance: the check notices.
    double[] absorbed = relevancePerLayer(rules(Rule.EPSILON, Rule.EPSILON, 0.5f), x, seed);
    assertThat(Math.abs(absorbed[1] - absorbed[0])).isGreaterThan(0.01 * Math.abs(absorbed[0]));
  }

  @Test
  void withEpsilonTendingToZeroItIsGradientTimesInput() {
    FloatTensor x = gaussian(9, IMAGE);
    float[] seed = weights(10, 6, 1f);
    ModelProto model = biasFree();
    float[] gradient = VariantRun.gradients(model, BackwardVariant.STANDARD, x, seed, "x").gradients().get("x");
    double scale = 0;
    for (float g : gradient) {
      scale = Math.max(scale, Math.abs(g));
    }
    for (float epsilon : new float[] {0f, 1e-9f}) {
      float[] lrp = VariantRun.gradients(model, BackwardVariant.lrp(rules(Rule.EPSILON, Rule.EPSILON, epsilon)), x, seed,
          "x").gradients().get("x");
      assertThat(maxDifference(lrp, gradient)).as("epsilon %s", epsilon).isLessThan(1e-5 * scale);
    }
    float[] large = VariantRun.gradients(model, BackwardVariant.lrp(rules(Rule.EPSILON, Rule.EPSILON, 0.5f)), x, seed,
        "x").gradients().get("x");
    assertThat(maxDifference(large, gradient)).isGreaterThan(0.01 * scale);
  }

  private static double maxDifference(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d = Math.max(d, Math.abs(a[i] - b[i]));
    }
    return d;
  }

  private static FloatTensor positive(FloatTensor t) {
    float[] v = t.data().clone();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.abs(v[i]);
    }
    return new FloatTensor(t.shape(), v);
  }

  private static float[] weights(long seed, int n, float scale) {
    Random r = new Random(seed);
    float[] w = new float[n];
    for (int i = 0; i < n; i++) {
      w[i] = (float) r.nextGaussian() * scale;
    }
    return w;
  }
}
