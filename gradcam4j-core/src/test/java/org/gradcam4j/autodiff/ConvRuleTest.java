package org.gradcam4j.autodiff;

import static org.gradcam4j.testing.GradientCheck.gaussian;

import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

class ConvRuleTest {
  @Test
  void plainConvolutionWithBias() {
    var model = Models.single(new long[] {2, 3, 6, 6}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 4, 3, 3, 3), Models.weights(b, "bias", 2, 0.3f, 4))
        .attrInts("pads", 1, 1, 1, 1).output());
    GradientCheck.of(model, "x", "y").verify(gaussian(3, 2, 3, 6, 6));
  }

  @Test
  void stridedWithAsymmetricPadsAndLeftoverRows() {
    var model = Models.single(new long[] {2, 2, 7, 8}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 3))
        .attrInts("strides", 2, 3).attrInts("pads", 0, 1, 1, 2).output());
    GradientCheck.of(model, "x", "y").verify(gaussian(4, 2, 2, 7, 8));
  }

  @Test
  void groupedDilatedAndDepthwise() {
    var grouped = Models.single(new long[] {1, 4, 7, 7}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 2, 3, 3))
        .attr("group", 2L).attrInts("dilations", 2, 2).attrInts("pads", 2, 2, 2, 2).output());
    GradientCheck.of(grouped, "x", "y").verify(gaussian(5, 1, 4, 7, 7));
    var depthwise = Models.single(new long[] {2, 3, 6, 6}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 6, 1, 3, 3))
        .attr("group", 3L).attrInts("strides", 2, 2).attrInts("pads", 0, 0, 1, 1).output());
    GradientCheck.of(depthwise, "x", "y").verify(gaussian(6, 2, 3, 6, 6));
  }

  @Test
  void autoPadSameUpper() {
    var model = Models.single(new long[] {1, 2, 7, 7}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 2, 2, 4, 4))
        .attr("auto_pad", "SAME_UPPER").attrInts("strides", 2, 2).output());
    GradientCheck.of(model, "x", "y").verify(gaussian(7, 1, 2, 7, 7));
  }

  @Test
  void weightAndBiasGradients() {
    var plain = Models.single(new long[] {2, 2, 6, 5}, (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 1, 0.3f, 3, 2, 3, 2), Models.weights(b, "bias", 2, 0.3f, 3))
        .attrInts("strides", 2, 1).attrInts("pads", 1, 0, 0, 1).output());
    var x = gaussian(8, 2, 2, 6, 5);
    GradientCheck.of(plain, "x", "y").verifyInitializer(x, "w");
    GradientCheck.of(plain, "x", "y").verifyInitializer(x, "bias");
    var depthwise = Models.single(new long[] {2, 3, 6, 6}, (b, in) -> b.node("Conv")
        .inputs(in, Models.weights(b, "w", 1, 0.3f, 6, 1, 3, 3))
        .attr("group", 3L).attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output());
    GradientCheck.of(depthwise, "x", "y").verifyInitializer(gaussian(9, 2, 3, 6, 6), "w");
  }
}
