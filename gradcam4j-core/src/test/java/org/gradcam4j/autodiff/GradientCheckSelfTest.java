package org.gradcam4j.autodiff;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.gradcam4j.autodiff.rules.IdentityRule;
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
    assertThatThrownBy(() -> GradientCheck.of(model, "x", "y")
        .rules(RuleRegistry.standard().with("Conv", new WrongConvWeights()))
        .verifyInitializer(GradientCheck.gaussian(2, 1, 2, 5, 5), "w"))
        .isInstanceOf(AssertionError.class);
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
