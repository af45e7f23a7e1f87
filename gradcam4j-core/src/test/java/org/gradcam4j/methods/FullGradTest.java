package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.gradcam4j.Explainer;
import org.gradcam4j.autodiff.GradientRequest;
import org.gradcam4j.autodiff.rules.BackwardVariant;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.GradientRun;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.Models;
import org.gradcam4j.testing.ReferenceCases;
import org.junit.jupiter.api.Test;

/** FullGrad: the recipe on a small network with a Conv bias and a BatchNormalization, and the real models. */
class FullGradTest {
  private static final float[] GAMMA = {1.2f, 0.7f, 0.9f, 1.1f};
  private static final float[] BETA = {0.1f, -0.2f, 0.3f, 0.05f};
  private static final float[] MEAN = {0.2f, -0.1f, 0.4f, 0f};
  private static final float[] VAR = {0.5f, 1.5f, 0.8f, 1f};
  private static final float EPS = 1e-3f;
  /** Channel 1 has no bias: with pytorch-grad-cam's per-channel scaling that is what a bias decides. */
  private static final float[] CONV2_BIAS = {0.3f, 0f, 0.2f, 0.1f, -0.1f};

  /**
   * x [N, 3, 8, 8] -> Conv (no bias) -> "bn" (BatchNormalization) -> Relu -> Conv stride 2 with bias
   * -> "conv2" [N, 5, 4, 4] -> Relu -> GAP -> Gemm.
   */
  private static Explainer model() {
    var proto = Models.single(17, new long[] {1, 3, 8, 8}, (b, x) -> {
      String w1 = Models.weights(b, "w1", 1, 0.4f, 4, 3, 3, 3);
      String conv1 = b.node("Conv").inputs(x, w1).attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1).output();
      String bn = b.node("BatchNormalization").inputs(conv1, b.initializer("g", new long[] {4}, GAMMA),
          b.initializer("b", new long[] {4}, BETA), b.initializer("m", new long[] {4}, MEAN),
          b.initializer("v", new long[] {4}, VAR)).attr("epsilon", EPS).outputNamed("bn");
      String w2 = Models.weights(b, "w2", 2, 0.4f, 5, 4, 3, 3);
      String conv2 = b.node("Conv").inputs(b.relu(bn), w2, b.initializer("b2", new long[] {5}, CONV2_BIAS))
          .attrInts("kernel_shape", 3, 3).attrInts("pads", 1, 1, 1, 1).attrInts("strides", 2, 2).outputNamed("conv2");
      String flat = b.node("Flatten").inputs(b.op("GlobalAveragePool", b.relu(conv2))).output();
      return b.node("Gemm").inputs(flat, Models.weights(b, "fc", 3, 1f, 3, 5)).attr("transB", 1L).output();
    });
    return Explainer.of(OnnxModel.of(proto, "conv-bn network"), 1);
  }

  @Test
  void fullGradSumsTheScaledInputAndBiasGradientsOfEveryConvAndBatchNorm() {
    FloatTensor images = TinyNets.images(31, 2);
    try (Explainer explainer = model()) {
      List<Explanation> result = explainer.explain(images, ExplainRequest.of("fullgrad").withTarget(Target.classIndex(1)));
      // The same recipe from plain gradients, with the biases taken from the values given to the model.
      float[] bnBias = new float[4];
      for (int c = 0; c < 4; c++) {
        bnBias[c] = (float) (BETA[c] - MEAN[c] * GAMMA[c] / Math.sqrt(VAR[c] + EPS));
      }
      GradientRequest request = GradientRequest.builder("y").wrt("x", "bn", "conv2").build();
      GradientRun run = explainer.runtime().runGradients(images, request, List.of(Target.classIndex(1)));
      for (int i = 0; i < 2; i++) {
        float[] expected = new float[64];
        float[] x = images.item(i).data();
        float[] gx = run.gradients().get("x").item(i).data();
        float[] product = new float[x.length];
        for (int k = 0; k < x.length; k++) {
          product[k] = Math.abs(gx[k] * x[k]);
        }
        add(expected, channelMaps(product, null, 3, 8, 8));
        add(expected, channelMaps(run.gradients().get("bn").item(i).data(), bnBias, 4, 8, 8));
        add(expected, channelMaps(run.gradients().get("conv2").item(i).data(), CONV2_BIAS, 5, 4, 4));
        Explanation e = result.get(i);
        assertThat(e.inputMap().shape()).containsExactly(8, 8);
        assertThat(ReferenceCases.relativeMaxError(e.inputMap().data(), expected)).isLessThan(1e-5);
      }
    }
  }

  /**
   * Sum over channels of each channel's |bias * gradient| (or the values as given), min-max scaled on
   * its own, (v - min) / (1e-7 + max(v - min)), and resized to 8 x 8; written out here in double
   * from that definition rather than with the library's map operations.
   */
  private static float[] channelMaps(float[] values, float[] bias, int channels, int h, int w) {
    double[] sum = new double[64];
    for (int c = 0; c < channels; c++) {
      double[] plane = new double[h * w];
      double min = Double.POSITIVE_INFINITY;
      for (int p = 0; p < plane.length; p++) {
        double v = values[c * h * w + p];
        plane[p] = bias == null ? v : Math.abs(v * bias[c]);
        min = Math.min(min, plane[p]);
      }
      double max = 0;
      for (int p = 0; p < plane.length; p++) {
        plane[p] -= min;
        max = Math.max(max, plane[p]);
      }
      for (int p = 0; p < plane.length; p++) {
        plane[p] /= 1e-7 + max;
      }
      for (int y = 0; y < 8; y++) {
        for (int x = 0; x < 8; x++) {
          sum[y * 8 + x] += bilinear(plane, h, w, y, x);
        }
      }
    }
    float[] out = new float[64];
    for (int p = 0; p < 64; p++) {
      out[p] = (float) sum[p];
    }
    return out;
  }

  /**
   * The value of an h x w map at the centre of pixel (y, x) of an 8 x 8 grid over the same area, by
   * bilinear interpolation between the centres of the map's pixels, as OpenCV resizes: the centre of
   * output row y lies at map row (y + 0.5) * h / 8 - 0.5, held at the edge rows beyond the outermost
   * centres (likewise for columns). For h = w = 8 that is the map itself. For h = w = 4, row 0 lies at
   * -0.25 (held at row 0), row 1 at 0.25 (three quarters of row 0, a quarter of row 1), ..., row 7 at
   * 3.25 (held at row 3).
   */
  private static double bilinear(double[] map, int h, int w, int y, int x) {
    double sy = Math.min(Math.max((y + 0.5) * h / 8 - 0.5, 0), h - 1);
    double sx = Math.min(Math.max((x + 0.5) * w / 8 - 0.5, 0), w - 1);
    int y0 = (int) Math.floor(sy);
    int x0 = (int) Math.floor(sx);
    int y1 = Math.min(y0 + 1, h - 1);
    int x1 = Math.min(x0 + 1, w - 1);
    double fy = sy - y0;
    double fx = sx - x0;
    return (1 - fy) * ((1 - fx) * map[y0 * w + x0] + fx * map[y0 * w + x1])
        + fy * ((1 - fx) * map[y1 * w + x0] + fx * map[y1 * w + x1]);
  }

  private static void add(float[] into, float[] values) {
    for (int p = 0; p < into.length; p++) {
      into[p] += values[p];
    }
  }

  @Test
  void fullGradRunsOnSqueezeNetAndMobileNetV2() {
    for (String model : List.of("squeezenet11", "mobilenetv2")) {
      try (Explainer explainer = Explainer.load(ReferenceCases.modelFile(model))) {
        FloatTensor input = ReferenceCases.input(model, "chelsea");
        Explanation e = explainer.explain(input, ExplainRequest.of("fullgrad")
            .withScoreTensor(ReferenceCases.scoreTensor(model))).get(0);
        assertThat(e.targetClass()).isEqualTo(285);
        float[] map = e.inputMap().data();
        assertThat(e.inputMap().shape()).containsExactly(224, 224);
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : map) {
          assertThat(Float.isFinite(v)).isTrue();
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
        assertThat(max - min).as(model).isGreaterThan(1e-3f * Math.abs(max));
        float[] display = e.displayMap(224, 224);
        assertThat(display).contains(0f);
      }
    }
  }

  @Test
  void biasLayersAreEveryConvWithABiasAndEveryBatchNormalization() {
    try (Explainer explainer = Explainer.load(ReferenceCases.modelFile("mobilenetv1_025"))) {
      long[] shape = {1, 3, 224, 224};
      List<BiasLayers.BiasLayer> layers = BiasLayers.find(explainer.model().graph(), explainer.shapes(shape),
          explainer.runtime().imageInput(), "logits");
      long batchNorms = explainer.model().graph().nodes().stream()
          .filter(n -> n.getOpType().equals("BatchNormalization")).count();
      long convsWithBias = explainer.model().graph().nodes().stream()
          .filter(n -> n.getOpType().equals("Conv") && n.getInputCount() > 2 && !n.getInput(2).isEmpty()).count();
      assertThat(batchNorms).isEqualTo(27);
      assertThat(layers).hasSize((int) (batchNorms + convsWithBias));
    }
  }
}
