package org.gradcam4j.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.gradcam4j.Explainer;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Segmentation;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.targets.Target;
import org.gradcam4j.testing.GradientCheck;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;

/**
 * LIME, KernelSHAP, Shapley sampling and feature ablation on models whose Shapley values are known: an
 * additive model (a weighted sum of the means of grid cells, whose Shapley value for a cell is its
 * weight times the change of its mean) and a model with interactions between cells, against the
 * Shapley values computed by brute force over all coalitions.
 */
class SuperpixelMethodsTest {
  private static final int SIZE = 8;
  private static final float FILL = 0.25f;

  private static float[] gaussian(long seed, int n) {
    return GradientCheck.gaussian(seed, n).data();
  }

  /** The grid cell of every pixel: {@code side x side} cells on the 8x8 image. */
  private static int cell(int side, int p) {
    return (p / SIZE) * side / SIZE * side + (p % SIZE) * side / SIZE;
  }

  /** Mean over all channels and pixels of each cell of the image, with the removed cells at the fill. */
  private static double[] cellMeans(float[] image, int side, boolean[] keep) {
    double[] sum = new double[side * side];
    int[] n = new int[side * side];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < SIZE * SIZE; p++) {
        int k = cell(side, p);
        sum[k] += keep[k] ? image[c * SIZE * SIZE + p] : FILL;
        n[k]++;
      }
    }
    for (int k = 0; k < sum.length; k++) {
      sum[k] /= n[k];
    }
    return sum;
  }

  /** Pixel weights of {@code y = sum_k a_k mean_k(x)}. */
  private static float[] additiveWeights(int side, float[] a) {
    float[] w = new float[3 * SIZE * SIZE];
    int perCell = 3 * (SIZE / side) * (SIZE / side);
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < SIZE * SIZE; p++) {
        w[c * SIZE * SIZE + p] = a[cell(side, p)] / perCell;
      }
    }
    return w;
  }

  private static MethodOptions grid(int segments) {
    return MethodOptions.defaults().toBuilder().superpixels(Segmentation.Kind.GRID).segments(segments)
        .occlusionFill(FILL).batchSize(7).seed(11).build();
  }

  private static float[] explain(Explainer explainer, float[] image, String method, MethodOptions options) {
    Explanation e = explainer.explain(new FloatTensor(new long[] {1, 3, SIZE, SIZE}, image),
        ExplainRequest.of(method).withTarget(Target.classIndex(0)).withOptions(options)).get(0);
    assertThat(e.inputMap().shape()).containsExactly(SIZE, SIZE);
    return e.inputMap().data();
  }

  /** Every pixel's value equals its cell's expected value. */
  private static void assertCells(float[] map, int side, double[] expected, double tolerance, String what) {
    for (int p = 0; p < SIZE * SIZE; p++) {
      assertThat((double) map[p]).as(what + ", pixel " + p).isCloseTo(expected[cell(side, p)], Offset.offset(tolerance));
    }
  }

  @Test
  void kernelShapShapleySamplingAndFeatureAblationGiveTheClosedFormOnAnAdditiveModel() {
    int side = 4;
    float[] a = gaussian(1, side * side);
    float[] image = gaussian(2, 3 * SIZE * SIZE);
    boolean[] all = new boolean[side * side];
    java.util.Arrays.fill(all, true);
    double[] means = cellMeans(image, side, all);
    double[] expected = new double[side * side];
    for (int k = 0; k < expected.length; k++) {
      expected[k] = a[k] * (means[k] - FILL);
    }
    try (Explainer explainer = PerturbationModels.linear(SIZE, additiveWeights(side, a))) {
      // 16 cells: KernelSHAP samples coalitions (2^16 - 2 > 200), Shapley sampling random orders.
      MethodOptions o = grid(side * side).toBuilder().coalitions(200).shapleyPermutations(3).build();
      assertCells(explain(explainer, image, "kernelshap", o), side, expected, 1e-4, "kernelshap");
      assertCells(explain(explainer, image, "shapley", o), side, expected, 1e-4, "shapley");
      assertCells(explain(explainer, image, "feature-ablation", o), side, expected, 1e-4, "feature-ablation");
    }
  }

  @Test
  void limeRecoversTheWeightsOfALinearModel() {
    // For y = w.x, removing segment k changes y by w_k.(x_k - fill): that is LIME's ideal coefficient.
    int side = 4;
    float[] w = gaussian(3, 3 * SIZE * SIZE);
    float[] image = gaussian(4, 3 * SIZE * SIZE);
    double[] expected = new double[side * side];
    for (int c = 0; c < 3; c++) {
      for (int p = 0; p < SIZE * SIZE; p++) {
        int q = c * SIZE * SIZE + p;
        expected[cell(side, p)] += w[q] * (image[q] - FILL);
      }
    }
    double largest = 0;
    for (double v : expected) {
      largest = Math.max(largest, Math.abs(v));
    }
    try (Explainer explainer = PerturbationModels.linear(SIZE, w)) {
      float[] map = explain(explainer, image, "lime", grid(side * side));
      // The ridge penalty of 1 shrinks the coefficients by about 1 %.
      assertCells(map, side, expected, 0.03 * largest, "lime");
    }
  }

  /** {@code y = sum a_k m_k + 1.5 m_0 m_1 - 2 m_1 m_2 m_3} over the means of a 2x2 grid. */
  private static double interacting(double[] m, float[] a) {
    double y = 1.5 * m[0] * m[1] - 2 * m[1] * m[2] * m[3];
    for (int k = 0; k < 4; k++) {
      y += a[k] * m[k];
    }
    return y;
  }

  private static Explainer interactingModel(float[] a) {
    var proto = Models.single(17, new long[] {1, 3, SIZE, SIZE}, (b, x) -> {
      String[] m = new String[4];
      String y = null;
      for (int k = 0; k < 4; k++) {
        float[] onlyK = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
          for (int p = 0; p < SIZE * SIZE; p++) {
            onlyK[c * SIZE * SIZE + p] = cell(2, p) == k ? 1f / (3 * 16) : 0f;
          }
        }
        m[k] = b.reduceSum(b.mul(x, b.initializer("cell" + k, new long[] {1, 3, SIZE, SIZE}, onlyK)),
            new long[] {1, 2, 3}, true);
        String term = b.mul(m[k], b.constScalar(a[k]));
        y = y == null ? term : b.add(y, term);
      }
      y = b.add(y, b.mul(b.constScalar(1.5f), b.mul(m[0], m[1])));
      y = b.add(y, b.mul(b.constScalar(-2f), b.mul(m[1], b.mul(m[2], m[3]))));
      return b.node("Flatten").inputs(y).attr("axis", 1L).output();
    });
    return Explainer.of(OnnxModel.of(proto, "interacting cells"), 1);
  }

  /** Shapley values by their definition: weighted marginal contributions over all coalitions. */
  private static double[] bruteForceShapley(float[] image, float[] a) {
    int n = 4;
    double[] value = new double[1 << n];
    for (int s = 0; s < value.length; s++) {
      boolean[] keep = new boolean[n];
      for (int k = 0; k < n; k++) {
        keep[k] = (s >> k & 1) != 0;
      }
      value[s] = interacting(cellMeans(image, 2, keep), a);
    }
    double[] phi = new double[n];
    int[] factorial = {1, 1, 2, 6, 24};
    for (int i = 0; i < n; i++) {
      for (int s = 0; s < value.length; s++) {
        if ((s >> i & 1) == 0) {
          int size = Integer.bitCount(s);
          phi[i] += (double) factorial[size] * factorial[n - size - 1] / factorial[n] * (value[s | 1 << i] - value[s]);
        }
      }
    }
    return phi;
  }

  @Test
  void kernelShapAndShapleySamplingEqualBruteForceShapleyValuesWithInteractions() {
    float[] a = {0.7f, -1.2f, 0.4f, 2f};
    float[] image = gaussian(5, 3 * SIZE * SIZE);
    for (int i = 0; i < image.length; i++) {
      image[i] += 1f;
    }
    double[] expected = bruteForceShapley(image, a);
    try (Explainer explainer = interactingModel(a)) {
      // 4 cells: 14 proper coalitions and 24 orders, so both methods enumerate all of them.
      MethodOptions o = grid(4).toBuilder().coalitions(14).shapleyPermutations(24).build();
      assertCells(explain(explainer, image, "kernelshap", o), 2, expected, 1e-4, "kernelshap");
      assertCells(explain(explainer, image, "shapley", o), 2, expected, 1e-4, "shapley");
      // Feature ablation is not Shapley: with interactions it must differ, or this model proves nothing.
      float[] ablation = explain(explainer, image, "feature-ablation", o);
      double gap = 0;
      for (int p = 0; p < SIZE * SIZE; p++) {
        gap = Math.max(gap, Math.abs(ablation[p] - expected[cell(2, p)]));
      }
      assertThat(gap).isGreaterThan(1e-2);
    }
  }

  @Test
  void sampledShapleyValuesAddUpToTheScoreChangeWithInteractions() {
    float[] a = {0.7f, -1.2f, 0.4f, 2f};
    float[] image = gaussian(6, 3 * SIZE * SIZE);
    boolean[] none = new boolean[4];
    boolean[] all = {true, true, true, true};
    double change = interacting(cellMeans(image, 2, all), a) - interacting(cellMeans(image, 2, none), a);
    try (Explainer explainer = interactingModel(a)) {
      // Fewer samples than coalitions and orders: estimates, but efficient by construction.
      MethodOptions o = grid(4).toBuilder().coalitions(8).shapleyPermutations(5).build();
      for (String method : new String[] {"kernelshap", "shapley"}) {
        float[] map = explain(explainer, image, method, o);
        double sum = 0;
        for (int k = 0; k < 4; k++) {
          sum += map[(k / 2) * 4 * SIZE + (k % 2) * 4];
        }
        assertThat(sum).as(method).isCloseTo(change, Offset.offset(1e-4));
      }
    }
  }

  @Test
  void theSameSeedGivesTheSameMapAndAnotherSeedAnother() {
    float[] w = gaussian(7, 3 * SIZE * SIZE);
    float[] image = gaussian(8, 3 * SIZE * SIZE);
    try (Explainer explainer = PerturbationModels.linear(SIZE, w)) {
      MethodOptions o = grid(16).toBuilder().coalitions(40).build();
      float[] first = explain(explainer, image, "lime", o);
      assertThat(explain(explainer, image, "lime", o.toBuilder().batchSize(3).build())).containsExactly(first);
      assertThat(explain(explainer, image, "lime", o.toBuilder().seed(12).build())).isNotEqualTo(first);
    }
  }

  @Test
  void tooFewCoalitionsForKernelShapAreRefused() {
    try (Explainer explainer = PerturbationModels.linear(SIZE, new float[3 * SIZE * SIZE])) {
      assertThatThrownBy(() -> explain(explainer, gaussian(9, 3 * SIZE * SIZE), "kernelshap",
          grid(16).toBuilder().coalitions(10).build()))
          .isInstanceOf(GradCamException.class).hasMessageContaining("10 coalitions for 16 segments");
    }
  }
}
