package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.BackwardContext;
import org.gradcam4j.autodiff.rules.BackwardRule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.gradcam4j.onnx.proto.Onnx.NodeProto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every standard rule has finite-difference cases, and every case can fail: run with its op's rule
 * applied twice (so the op contributes double its true gradient) it must report a mismatch. A case
 * that still passed would not depend on the rule it claims to test.
 */
class RuleCoverageTest {
  static Stream<RuleCase> allCases() {
    return Stream.of(
            ConvRuleTest.cases(),
            ActivationRulesTest.cases(),
            ArithmeticRulesTest.cases(),
            PoolingRulesTest.cases(),
            ShapeRulesTest.cases(),
            LinearRulesTest.cases(),
            NormalisationRulesTest.cases(),
            ResizeRuleTest.cases(),
            ElementwiseMathRulesTest.cases(),
            SelectionRulesTest.cases())
        .flatMap(java.util.List::stream);
  }

  @Test
  void everyStandardRuleHasCases() {
    Set<String> tested = allCases().map(RuleCase::op).collect(Collectors.toCollection(TreeSet::new));
    assertThat(tested).containsAll(RuleRegistry.standard().supportedOps());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void aDoubledRuleIsCaught(RuleCase c) {
    RuleRegistry standard = RuleRegistry.standard();
    BackwardRule rule = standard.find(NodeProto.newBuilder().setOpType(c.op()).build()).orElseThrow();
    assertThatThrownBy(() -> c.verify(standard.with(c.op(), new Doubled(rule))))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("mismatch");
  }

  /** Emits a rule's backward twice; the compiler sums both contributions. */
  private static final class Doubled implements BackwardRule {
    private final BackwardRule rule;

    Doubled(BackwardRule rule) {
      this.rule = rule;
    }

    @Override
    public boolean isDifferentiable(NodeProto node, int index) {
      return rule.isDifferentiable(node, index);
    }

    @Override
    public void backward(BackwardContext ctx) {
      rule.backward(ctx);
      rule.backward(ctx);
    }
  }
}
