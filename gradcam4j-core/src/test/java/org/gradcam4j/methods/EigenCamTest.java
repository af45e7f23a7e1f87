package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import org.gradcam4j.Explainer;
import org.gradcam4j.math.ArgMax;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * Eigen-CAM and Eigen-Grad-CAM on constructed activations: the input itself is the layer (a model
 * {@code features = x * 1}, then GAP and a linear classifier), so the activation is whatever the test
 * puts there: every channel an offset plus a multiple of one blob, plus small noise.
 */
class EigenCamTest {
  private static final int C = 3;
  private static final int H = 6;
  private static final int W = 7;
  private static final int BLOB_Y = 2;
  private static final int BLOB_X = 4;

  private static final float[] CHANNEL_GAINS = {1f, 0.5f, 2f};
  private static final float[] CLASS_WEIGHTS = {0.7f, 0.2f, 1.1f};

  /** features = x * 1, score = W . GAP(features): one class, positive weights. */
  private static Explainer model() {
    var proto = Models.single(17, new long[] {1, C, H, W}, (b, x) -> {
      String features = b.node("Mul").inputs(x, b.constScalar(1f)).outputNamed("features");
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", features)).output();
      String w = b.initializer("cls_w", new long[] {1, C}, CLASS_WEIGHTS);
      return b.node("Gemm").inputs(flat, w).attr("transB", 1L).output();
    });
    return Explainer.of(OnnxModel.of(proto, "identity layer"), 1);
  }

  /** Blob values: a Gaussian bump around (BLOB_Y, BLOB_X). */
  private static double blob(int y, int x) {
    return Math.exp(-((y - BLOB_Y) * (y - BLOB_Y) + (x - BLOB_X) * (x - BLOB_X)) / 2.0);
  }

  /** Channel k = offset + sign * gain_k * blob + noise. */
  private static FloatTensor activation(float sign) {
    java.util.Random r = new java.util.Random(3);
    float[] v = new float[C * H * W];
    for (int k = 0; k < C; k++) {
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          v[(k * H + y) * W + x] = (float) (2 + sign * CHANNEL_GAINS[k] * blob(y, x) + 0.01 * r.nextGaussian());
        }
      }
    }
    return new FloatTensor(new long[] {1, C, H, W}, v);
  }

  @Test
  void eigenCamFollowsTheSharedPatternOfTheChannelsWithAPositiveSign() {
    try (Explainer explainer = model()) {
      Explanation e = explainer.explain(activation(1f), ExplainRequest.of("eigencam").withLayer("features")).get(0);
      float[] map = e.lowRes().data();
      assertThat(e.lowRes().shape()).containsExactly(H, W);
      assertThat(ArgMax.of(map)).isEqualTo(BLOB_Y * W + BLOB_X);
      double mean = 0;
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          mean += blob(y, x) / (H * W);
        }
      }
      // The map is the centred blob, rectified (up to a positive scale).
      double[] expected = new double[H * W];
      for (int y = 0; y < H; y++) {
        for (int x = 0; x < W; x++) {
          expected[y * W + x] = Math.max(0, blob(y, x) - mean);
        }
      }
      assertThat(correlation(map, expected)).isGreaterThan(0.999);
      for (float v : map) {
        assertThat(v).isGreaterThanOrEqualTo(0f);
      }
    }
  }

  @Test
  void whereTheChannelsDipTheMapIsZeroBecauseTheSignFollowsTheActivation() {
    try (Explainer explainer = model()) {
      float[] map = explainer.explain(activation(-1f), ExplainRequest.of("eigencam").withLayer("features")).get(0)
          .lowRes().data();
      assertThat(map[BLOB_Y * W + BLOB_X]).isZero();
      assertThat(map[0]).isGreaterThan(0f);
    }
  }

  @Test
  void eigenGradCamWeighsTheChannelsByTheirGradientsAndFlipsForTheCounterfactual() {
    try (Explainer explainer = model()) {
      ExplainRequest request = ExplainRequest.of("eigengradcam").withLayer("features").withTarget(Target.classIndex(0));
      float[] map = explainer.explain(activation(1f), request).get(0).lowRes().data();
      assertThat(ArgMax.of(map)).isEqualTo(BLOB_Y * W + BLOB_X);
      // Against the class, g * A is negative where the channels are large: the blob drops out.
      float[] counter = explainer.explain(activation(1f), request.withTarget(Target.classIndex(0).counterfactual()))
          .get(0).lowRes().data();
      assertThat(counter[BLOB_Y * W + BLOB_X]).isZero();
      assertThat(max(counter)).isGreaterThan(0f);
    }
  }

  private static float max(float[] v) {
    float m = Float.NEGATIVE_INFINITY;
    for (float f : v) {
      m = Math.max(m, f);
    }
    return m;
  }

  static double correlation(float[] a, double[] b) {
    double ma = 0;
    double mb = 0;
    for (int i = 0; i < a.length; i++) {
      ma += a[i];
      mb += b[i];
    }
    ma /= a.length;
    mb /= b.length;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }
}
