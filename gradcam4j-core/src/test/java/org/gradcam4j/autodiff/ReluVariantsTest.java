package org.gradcam4j.autodiff;

import org.gradcam4j.autodiff.rules.BackwardVariant;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gradcam4j.testing.GradientCheck.gaussian;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.gradcam4j.autodiff.rules.BackwardVariant.Mode;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.proto.Onnx.ModelProto;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * Guided backpropagation and deconvnet, checked against finite differences of ordinary networks.
 * Through a convolution followed by one Relu:
 * <ul>
 *   <li>guided = the true gradient of the Relu network under the rectified seed relu(seed);
 *   <li>deconvnet = the true gradient of the network without the Relu under relu(seed).
 * </ul>
 * Through Clip(0, 6) (ReLU6) the guided variant is the true gradient of the Clip network under
 * relu(seed), and deconvnet that of min(x, 6) under relu(seed). Each check is also shown to fail
 * against the reference that does not hold, so that it cannot pass by accident.
 */
class ReluVariantsTest {
  private static final long[] SHAPE = {2, 2, 5, 5};
  private static final FloatTensor X = gaussian(1, SHAPE);
  private static final UnaryOperator<float[]> RECTIFIED = s -> {
    float[] r = s.clone();
    for (int i = 0; i < r.length; i++) {
      r[i] = Math.max(r[i], 0f);
    }
    return r;
  };

  /**
   * A 1x1 convolution mixing the channels, with outputs spread over about -10 .. 10 so that ReLU6
   * saturates on both sides. (Each input reaches only three outputs, so few inputs lie within the
   * finite-difference step of a kink.)
   */
  private static String conv(GraphBuilder b, String x) {
    return b.node("Conv").inputs(x, Models.weights(b, "w", 3, 4f, 3, 2, 1, 1), Models.weights(b, "bias", 4, 1f, 3))
        .output();
  }

  private static ModelProto model(BiFunction<GraphBuilder, String, String> head) {
    return Models.single(SHAPE, (b, x) -> head.apply(b, conv(b, x)));
  }

  private static final ModelProto RELU = model((b, t) -> b.relu(t));
  private static final ModelProto LINEAR = model((b, t) -> b.op("Identity", t));
  private static final ModelProto RELU6 = model(
      (b, t) -> b.node("Clip").inputs(t, b.constScalar(0f), b.constScalar(6f)).output());
  private static final ModelProto MIN6 = model((b, t) -> b.node("Clip").inputs(t, "", b.constScalar(6f)).output());

  private static GradientCheck.Result check(ModelProto model, BackwardVariant v, ModelProto reference,
      UnaryOperator<float[]> seedMap) {
    return GradientCheck.of(model, "x", "y").variant(v, reference, seedMap).verify(X);
  }

  @Test
  void guidedThroughReluIsTheGradientUnderARectifiedSeed() {
    check(RELU, BackwardVariant.GUIDED, RELU, RECTIFIED);
    assertThatThrownBy(() -> check(RELU, BackwardVariant.GUIDED, RELU, s -> s)).hasMessageContaining("mismatch");
  }

  @Test
  void deconvnetThroughReluIsTheGradientWithoutTheRelu() {
    check(RELU, BackwardVariant.DECONVNET, LINEAR, RECTIFIED);
    assertThatThrownBy(() -> check(RELU, BackwardVariant.DECONVNET, RELU, RECTIFIED)).hasMessageContaining("mismatch");
  }

  @Test
  void guidedThroughRelu6IsTheGradientOfRelu6UnderARectifiedSeed() {
    check(RELU6, BackwardVariant.GUIDED, RELU6, RECTIFIED);
    assertThatThrownBy(() -> check(RELU6, BackwardVariant.GUIDED, RELU6, s -> s)).hasMessageContaining("mismatch");
  }

  @Test
  void deconvnetThroughRelu6KeepsOnlyTheUpperBound() {
    check(RELU6, BackwardVariant.DECONVNET, MIN6, RECTIFIED);
    assertThatThrownBy(() -> check(RELU6, BackwardVariant.DECONVNET, LINEAR, RECTIFIED))
        .hasMessageContaining("mismatch");
    assertThatThrownBy(() -> check(RELU6, BackwardVariant.DECONVNET, RELU6, RECTIFIED))
        .hasMessageContaining("mismatch");
  }

  /** The same identities with 16 channels, where the masks take ONNX Runtime's blocked-layout form. */
  @Test
  void theIdentitiesHoldForMasksInTheBlockedLayoutForm() {
    BiFunction<GraphBuilder, String, String> wide = (b, x) -> b.node("Conv")
        .inputs(x, Models.weights(b, "w", 5, 4f, 16, 2, 1, 1), Models.weights(b, "bias", 6, 1f, 16)).output();
    ModelProto relu = Models.single(SHAPE, (b, x) -> b.relu(wide.apply(b, x)));
    ModelProto linear = Models.single(SHAPE, (b, x) -> b.op("Identity", wide.apply(b, x)));
    ModelProto relu6 = Models.single(SHAPE,
        (b, x) -> b.node("Clip").inputs(wide.apply(b, x), b.constScalar(0f), b.constScalar(6f)).output());
    ModelProto min6 = Models.single(SHAPE,
        (b, x) -> b.node("Clip").inputs(wide.apply(b, x), "", b.constScalar(6f)).output());
    check(relu, BackwardVariant.GUIDED, relu, RECTIFIED);
    check(relu, BackwardVariant.DECONVNET, linear, RECTIFIED);
    check(relu6, BackwardVariant.GUIDED, relu6, RECTIFIED);
    check(relu6, BackwardVariant.DECONVNET, min6, RECTIFIED);
    assertThatThrownBy(() -> check(relu6, BackwardVariant.GUIDED, relu6, s -> s)).hasMessageContaining("mismatch");
  }

  @Test
  void aClipWithAnotherLowerBoundStaysStandard() {
    ModelProto clip = model((b, t) -> b.node("Clip").inputs(t, b.constScalar(-1f), b.constScalar(6f)).output());
    check(clip, BackwardVariant.GUIDED, clip, s -> s);
    check(clip, BackwardVariant.DECONVNET, clip, s -> s);
  }

  /**
   * A Relu and a ReLU6 side by side (concatenated along the channels): with includeClip=false only
   * the Relu half of the seed is rectified, the Clip half keeps the true gradient.
   */
  @Test
  void withoutIncludeClipOnlyReluChanges() {
    ModelProto both = Models.single(SHAPE, (b, x) -> {
      String t = conv(b, x);
      return b.node("Concat").inputs(b.relu(t), b.node("Clip").inputs(t, b.constScalar(0f), b.constScalar(6f))
          .output()).attr("axis", 1L).output();
    });
    int perSample = 2 * 3 * 5 * 5;
    UnaryOperator<float[]> reluHalfRectified = s -> {
      float[] r = s.clone();
      for (int i = 0; i < r.length; i++) {
        if (i % perSample < perSample / 2) {
          r[i] = Math.max(r[i], 0f);
        }
      }
      return r;
    };
    check(both, new BackwardVariant(Mode.GUIDED, false), both, reluHalfRectified);
    check(both, BackwardVariant.GUIDED, both, RECTIFIED);
    assertThatThrownBy(() -> check(both, new BackwardVariant(Mode.GUIDED, false), both, RECTIFIED))
        .hasMessageContaining("mismatch");
  }

  @Test
  void deconvnetWithoutIncludeClipLeavesClipStandard() {
    check(RELU6, new BackwardVariant(Mode.DECONVNET, false), RELU6, s -> s);
  }
}
