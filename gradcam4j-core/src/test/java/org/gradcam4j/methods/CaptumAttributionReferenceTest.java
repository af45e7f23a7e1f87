package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.rules.LrpRules;
import org.gradcam4j.autodiff.rules.LrpRules.Rule;
import org.gradcam4j.io.Npy;
import org.gradcam4j.math.RankCorrelation;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.ReferenceCases;
import org.junit.jupiter.api.Test;

/**
 * DeepLIFT, LRP and GradientSHAP against Captum 0.8 on a small PyTorch ReLU CNN with random weights
 * (Conv, ReLU, AvgPool, Conv, ReLU, MaxPool, global average pooling, Linear, ReLU, Linear; DeepLIFT on
 * the same network with the max pooling replaced by average pooling), exported to ONNX. The model,
 * images and Captum's attributions are test resources made by
 * {@code fixtures/captum_deeplift_lrp_gradientshap.py}. Relative error = largest absolute difference
 * over the largest absolute reference value; measured: DeepLIFT 4.2e-7, LRP-epsilon 2.4e-7, LRP
 * gamma/z+ 3.5e-7, GradientSHAP 1.7e-2 (Monte-Carlo).
 */
class CaptumAttributionReferenceTest {
  /** The classes the fixture script explains for its two images. */
  private static final int[] TARGETS = {1, 3};

  private static Path resource(String name) {
    try {
      return Path.of(CaptumAttributionReferenceTest.class.getResource("captum/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static FloatTensor images() {
    Npy.Array a = Npy.read(resource("images.npy"));
    return new FloatTensor(a.shape(), a.data());
  }

  private static float[] attributions(String model, String method, MethodOptions options) {
    FloatTensor images = images();
    float[] all = new float[images.data().length];
    try (Explainer explainer = Explainer.load(resource(model))) {
      List<Explanation> result = explainer.explain(images, ExplainRequest.of(method).withOptions(options)
          .withTargets(List.of(Target.classIndex(TARGETS[0]), Target.classIndex(TARGETS[1]))));
      for (int i = 0; i < TARGETS.length; i++) {
        float[] a = result.get(i).attribution().data();
        System.arraycopy(a, 0, all, i * a.length, a.length);
      }
    }
    return all;
  }

  private static float[] reference(String name) {
    return Npy.read(resource(name)).data();
  }

  @Test
  void deepLiftMatchesCaptum() {
    float[] ours = attributions("tiny_cnn_avgpool.onnx", "deeplift", MethodOptions.defaults());
    assertThat(ReferenceCases.relativeMaxError(ours, reference("deeplift_zero.npy"))).isLessThan(1e-5);
  }

  @Test
  void lrpEpsilonMatchesCaptum() {
    float[] ours = attributions("tiny_cnn_maxpool.onnx", "lrp", MethodOptions.defaults());
    assertThat(ReferenceCases.relativeMaxError(ours, reference("lrp_epsilon.npy"))).isLessThan(1e-5);
  }

  @Test
  void lrpGammaAndZPlusCompositeMatchesCaptum() {
    MethodOptions composite = MethodOptions.defaults().toBuilder()
        .lrp(new LrpRules(Rule.GAMMA, Rule.ZPLUS, 0.01f, 0.25f)).build();
    float[] ours = attributions("tiny_cnn_maxpool.onnx", "lrp", composite);
    float[] captum = reference("lrp_gamma_zplus.npy");
    assertThat(ReferenceCases.relativeMaxError(ours, captum)).isLessThan(1e-5);
    // The composite is not the epsilon rule: the comparison can tell them apart.
    assertThat(ReferenceCases.relativeMaxError(reference("lrp_epsilon.npy"), captum)).isGreaterThan(0.05);
  }

  /**
   * Both sides are Monte-Carlo estimates (Captum's with 20000 samples, ours with 4000), so they agree
   * to a few percent, not to float precision. The noise is Captum's absolute standard deviation 0.05,
   * given to gradcam4j as a fraction of each image's value range.
   */
  @Test
  void gradientShapMatchesCaptumInExpectation() {
    FloatTensor images = images();
    float[] captum = reference("gradientshap.npy");
    try (Explainer explainer = Explainer.load(resource("tiny_cnn_maxpool.onnx"))) {
      for (int i = 0; i < TARGETS.length; i++) {
        float[] x = images.item(i).data();
        MethodOptions options = MethodOptions.defaults().toBuilder().smoothSamples(4000)
            .smoothNoise(0.05f / SmoothGrad.range(x)).seed(3).build();
        float[] ours = explainer.explain(FloatTensor.stack(List.of(images.item(i))), ExplainRequest.of("gradientshap")
            .withOptions(options).withTarget(Target.classIndex(TARGETS[i]))).get(0).attribution().data();
        float[] theirs = java.util.Arrays.copyOfRange(captum, i * x.length, (i + 1) * x.length);
        assertThat(ReferenceCases.relativeMaxError(ours, theirs)).as("image %d", i).isLessThan(0.05);
        assertThat(RankCorrelation.pearson(ours, theirs)).as("image %d", i).isGreaterThan(0.99);
      }
    }
  }
}
