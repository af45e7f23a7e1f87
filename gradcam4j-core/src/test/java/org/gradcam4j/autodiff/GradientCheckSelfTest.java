package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.BackwardContext;
import org.gradcam4j.autodiff.rules.BackwardRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gradcam4j.autodiff.rules.IdentityRule;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/** The finite-difference harness must reject a wrong backward rule, or its passes mean nothing. */
class GradientCheckSelfTest {
  @Test
  void aWrongRuleIsCaught() {
    var model = Models.single(new long[] {2, 3, 4, 4}, (b, x) -> b.relu(x));
    RuleRegistry wrong = RuleRegistry.standard().with("Relu", new IdentityRule());
    assertThatThrownBy(() -> GradientCheck.of(model, "x", "y").rules(wrong)
        .verify(GradientCheck.distinct(1, 2, 3, 4, 4)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("gradient mismatch");
  }

  @Test
  void aWrongWeightGradientIsCaught() {
    var model = Models.single(new long[] {1, 2, 5, 5}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 3)).output());
    // Transposing the kernel keeps every shape but gives the wrong weight gradient.
    Throwable thrown = catchThrowable(() -> GradientCheck.of(model, "x", "y")
        .rules(RuleRegistry.standard().with("Conv", new WrongConvWeights()))
        .verifyInitializer(GradientCheck.gaussian(2, 1, 2, 5, 5), "w"));
    assertThat(thrown).isInstanceOf(AssertionError.class).hasMessageStartingWith("weight gradient mismatch for w: ");
    // The harness reports a gradient that is identically zero under the same words; here the analytic
    // gradient is not zero, so the check failed on its values (error above atol + rtol * max gradient).
    Matcher m = Pattern.compile("max error (\\S+) vs max gradient (\\S+) ").matcher(thrown.getMessage());
    assertThat(m.find()).as("error and gradient in: %s", thrown.getMessage()).isTrue();
    assertThat(Double.parseDouble(m.group(2))).as("max |analytic weight gradient|").isGreaterThan(0);
  }

  /**
   * Samples that interact through the batch (here y = x * mean(x^2) over everything) cannot be
   * stacked into one big batch; the numeric side must still equal the closed form
   * dL/dx_i = s_i m + (2 x_i / n) sum_j s_j x_j.
   */
  @Test
  void samplesThatInteractThroughTheBatchAreDifferencedOneByOne() {
    var model = Models.single(new long[] {2, 2, 1, 3},
        (b, x) -> b.mul(x, b.node("ReduceMean").inputs(b.mul(x, x)).output()));
    var x = GradientCheck.gaussian(3, 2, 2, 1, 3);
    GradientCheck.Result r = GradientCheck.of(model, "x", "y").randomSeed(7).run(x);
    assertClosedForm(r.numeric(), x.data(), 7);
  }

  /** A model with a fixed batch size cannot be run on stacked copies either. */
  @Test
  void fixedBatchModelsAreDifferencedOneByOne() {
    var b = new GraphBuilder("fixed", 17);
    String in = b.input("x", DataType.FLOAT, 2L, 2L, 1L, 3L);
    b.identityNamed(b.mul(in, b.node("ReduceMean").inputs(b.mul(in, in)).output()), "y");
    b.output("y", DataType.FLOAT);
    var x = GradientCheck.gaussian(4, 2, 2, 1, 3);
    GradientCheck.Result r = GradientCheck.of(b.buildModel(), "x", "y").randomSeed(8).run(x);
    assertClosedForm(r.numeric(), x.data(), 8);
  }

  private static void assertClosedForm(float[] numeric, float[] x, long seedValue) {
    Random random = new Random(seedValue);
    double[] s = new double[x.length];
    double mean = 0;
    double sx = 0;
    for (int i = 0; i < x.length; i++) {
      s[i] = random.nextGaussian();
      mean += (double) x[i] * x[i] / x.length;
    }
    for (int i = 0; i < x.length; i++) {
      sx += s[i] * x[i];
    }
    for (int i = 0; i < x.length; i++) {
      double expected = s[i] * mean + 2 * x[i] / x.length * sx;
      assertThat((double) numeric[i]).as("element %d", i).isCloseTo(expected, within(1e-3 + 1e-3 * Math.abs(expected)));
    }
  }

  /** Reports the weight gradient with its spatial axes swapped. */
  static final class WrongConvWeights implements BackwardRule {
    @Override
    public boolean isDifferentiable(org.gradcam4j.onnx.proto.Onnx.NodeProto node, int index) {
      return index <= 1;
    }

    @Override
    public void backward(BackwardContext ctx) {
      var b = ctx.emit();
      String right = b.node("Conv").inputs(b.transpose(ctx.input(0), 1, 0, 2, 3),
          b.transpose(ctx.gradOutput(0), 1, 0, 2, 3)).output();
      ctx.addGradient(1, b.transpose(right, 1, 0, 3, 2));
    }
  }
}
