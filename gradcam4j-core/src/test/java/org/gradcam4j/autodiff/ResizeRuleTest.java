package org.gradcam4j.autodiff;

import static org.gradcam4j.autodiff.RuleCase.fixedBatch;
import static org.gradcam4j.autodiff.RuleCase.of;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.onnx.GraphBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Resize in every mode and coordinate transformation the rule supports, up and down, by scales and
 * by sizes. Resizing is linear in its input, so the finite differences are exact up to float
 * rounding; any interpolation weight or source index that differs from ONNX Runtime's shows up.
 * A Tanh follows so that each output element's gradient carries its own value.
 */
class ResizeRuleTest {
  private static final long[] S = {2, 2, 4, 5};

  static List<RuleCase> cases() {
    List<RuleCase> cases = new ArrayList<>();
    long seed = 1;
    // Up by 2 with asymmetric coordinates puts every other source position exactly half-way: ties.
    for (String nearestMode : new String[] {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"}) {
      for (String ctm : new String[] {"asymmetric", "half_pixel", "align_corners"}) {
        cases.add(of("Resize", "nearest " + nearestMode + ", " + ctm + ", up x2 and x2.5", gaussian(seed++, S),
            (b, x) -> resize(b, x, "nearest", ctm, 2f, 2.5f).attr("nearest_mode", nearestMode).output()));
        cases.add(of("Resize", "nearest " + nearestMode + ", " + ctm + ", down x0.75 and x0.6", gaussian(seed++, S),
            (b, x) -> resize(b, x, "nearest", ctm, 0.75f, 0.6f).attr("nearest_mode", nearestMode).output()));
      }
    }
    for (String mode : new String[] {"linear", "cubic"}) {
      for (String ctm : new String[] {"half_pixel", "align_corners", "asymmetric", "pytorch_half_pixel"}) {
        cases.add(of("Resize", mode + " " + ctm + ", up x2 and x1.4", gaussian(seed++, S),
            (b, x) -> resize(b, x, mode, ctm, 2f, 1.4f).output()));
        cases.add(of("Resize", mode + " " + ctm + ", down x0.5 and x0.6", gaussian(seed++, S),
            (b, x) -> resize(b, x, mode, ctm, 0.5f, 0.6f).output()));
        cases.add(of("Resize", mode + " " + ctm + ", sizes 7 x 3", 18, gaussian(seed++, S),
            (b, x) -> tanh(b, b.node("Resize").inputs(x, "", "", b.constInts(7, 3)).attrInts("axes", 2, 3)
                .attr("mode", mode).attr("coordinate_transformation_mode", ctm).output())));
      }
    }
    cases.addAll(List.of(
        // pytorch_half_pixel maps a length-1 output to the first source element.
        of("Resize", "linear pytorch_half_pixel, one output row", 18, gaussian(seed++, S),
            (b, x) -> tanh(b, b.node("Resize").inputs(x, "", "", b.constInts(1, 8)).attrInts("axes", 2, 3)
                .attr("mode", "linear").attr("coordinate_transformation_mode", "pytorch_half_pixel").output())),
        of("Resize", "cubic, exclude_outside, a = -0.5", gaussian(seed++, S),
            (b, x) -> resize(b, x, "cubic", "half_pixel", 1.75f, 0.8f).attr("exclude_outside", 1L)
                .attr("cubic_coeff_a", -0.5f).output()),
        of("Resize", "linear, only the last axis", gaussian(seed++, S),
            (b, x) -> resize(b, x, "linear", "half_pixel", 1f, 1.6f).output()),
        of("Resize", "linear on a 3-D input", gaussian(seed++, 2, 3, 5),
            (b, x) -> tanh(b, b.node("Resize").inputs(x, "", b.constFloats(new long[] {3}, new float[] {1, 1, 1.8f}))
                .attr("mode", "linear").output())),
        of("Resize", "opset 18 scales for listed axes", 18, gaussian(seed++, S),
            (b, x) -> tanh(b, b.node("Resize").inputs(x, "", b.constFloats(new long[] {2}, new float[] {1.5f, 0.8f}))
                .attrInts("axes", 2, 3).attr("mode", "linear").output())),
        fixedBatch("Resize", "sizes for every axis", gaussian(seed++, S),
            (b, x) -> tanh(b, b.node("Resize").inputs(x, "", "", b.constInts(2, 2, 3, 8)).attr("mode", "cubic")
                .output()))));
    return cases;
  }

  /** A Resize of x by scales (1, 1, sh, sw), followed by a Tanh; more attributes may be added. */
  private static ResizeSpec resize(GraphBuilder b, String x, String mode, String ctm, float sh, float sw) {
    return new ResizeSpec(b, b.node("Resize").inputs(x, "", b.constFloats(new long[] {4}, new float[] {1, 1, sh, sw}))
        .attr("mode", mode).attr("coordinate_transformation_mode", ctm));
  }

  private record ResizeSpec(GraphBuilder b, GraphBuilder.NodeSpec node) {
    ResizeSpec attr(String name, String value) {
      node.attr(name, value);
      return this;
    }

    ResizeSpec attr(String name, long value) {
      node.attr(name, value);
      return this;
    }

    ResizeSpec attr(String name, float value) {
      node.attr(name, value);
      return this;
    }

    String output() {
      return tanh(b, node.output());
    }
  }

  private static String tanh(GraphBuilder b, String t) {
    return b.op("Tanh", t);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesFiniteDifferences(RuleCase c) {
    c.verify();
  }
}
