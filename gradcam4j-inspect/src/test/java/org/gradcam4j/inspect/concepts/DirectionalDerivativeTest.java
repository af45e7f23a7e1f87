package org.gradcam4j.inspect.concepts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.InspectFixtures;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.runtime.OnnxSession;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directional derivative that TCAV counts (class-score gradient at the layer . CAV) against a central
 * finite difference of the class score along the CAV, computed by a separate model that starts at the
 * layer: the "head" of the same network, built from the same weights.
 */
class DirectionalDerivativeTest {
  private static final int CLASSES = 3;

  @TempDir
  Path tmp;

  /** Conv 3->4, ReLU: the layer "h" [N, 4, 8, 8]. */
  private static String stem(GraphBuilder b, String x) {
    String w = Models.weights(b, "w1", 1, 0.4f, 4, 3, 3, 3);
    String bias = Models.weights(b, "b1", 2, 0.1f, 4);
    String conv = b.node("Conv").inputs(x, w, bias).attrInts("pads", 1, 1, 1, 1).output();
    return b.identityNamed(b.relu(conv), "h");
  }

  /** Conv 4->5, ReLU, global average pool, linear layer to 3 scores "y". */
  private static String head(GraphBuilder b, String h) {
    String w = Models.weights(b, "w2", 3, 0.3f, 5, 4, 3, 3);
    String bias = Models.weights(b, "b2", 4, 0.1f, 5);
    String conv = b.relu(b.node("Conv").inputs(h, w, bias).attrInts("pads", 1, 1, 1, 1).output());
    String pooled = b.node("Flatten").inputs(b.node("GlobalAveragePool").inputs(conv).output()).output();
    String w3 = Models.weights(b, "w3", 5, 1f, CLASSES, 5);
    String b3 = Models.weights(b, "b3", 6, 0.1f, CLASSES);
    return b.identityNamed(b.node("Gemm").inputs(pooled, w3, b3).attr("transB", 1L).output(), "y");
  }

  private static OnnxModel model(String input, long channels, BiFunction<GraphBuilder, String, String> body) {
    GraphBuilder b = new GraphBuilder("tcav-test", 17);
    String x = b.input(input, DataType.FLOAT, "N", channels, 8L, 8L);
    body.apply(b, x);
    b.output("y", DataType.FLOAT, "N", (long) CLASSES);
    return OnnxModel.of(b.buildModel(), input);
  }

  /** The whole network, image to scores. */
  private static final OnnxModel FULL = model("x", 3, (b, x) -> head(b, stem(b, x)));
  /** The same network from the layer "h" on, with the same weights. */
  private static final OnnxModel HEAD = model("h", 4, DirectionalDerivativeTest::head);

  private ImageFolder folder(String name, int count, long seed) throws Exception {
    return ImageFolder.of(InspectFixtures.randomImages(tmp.resolve(name), count, 8, seed, false));
  }

  @Test
  void directionalDerivativeMatchesAFiniteDifferenceOfTheClassScoreAlongTheCav() throws Exception {
    int checked = 0;
    ImageFolder classImages = folder("class", 6, 1);
    ImageFolder conceptA = folder("a", 8, 2);
    ImageFolder conceptB = folder("b", 8, 3);
    try (ModelRuntime runtime = new ModelRuntime(FULL, 1); OnnxSession headSession = new OnnxSession(HEAD, 1)) {
      LayerRows a = LayerRows.activations(runtime, conceptA, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      LayerRows bRows = LayerRows.activations(runtime, conceptB, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      LayerRows h = LayerRows.activations(runtime, classImages, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      Cav cav = Cav.learn(a.rows(), bRows.rows(), 0.01, new Random(5));
      for (int c = 0; c < CLASSES; c++) {
        LayerRows gradients = ClassGradients.of(runtime, classImages, InspectFixtures.PRE, "h", "y", c, 4,
            BatchProgress.NONE);
        double[] along = ClassGradients.along(gradients, cav.direction());
        for (int i = 0; i < h.size(); i++) {
          double eps = 1e-2;
          double plus = score(headSession, shifted(h.rows()[i], cav.direction(), eps), c);
          double minus = score(headSession, shifted(h.rows()[i], cav.direction(), -eps), c);
          double fd = (plus - minus) / (2 * eps);
          assertThat(along[i]).as("class %d image %d", c, i).isCloseTo(fd, org.assertj.core.data.Offset.offset(
              1e-3 + 0.02 * Math.abs(fd)));
          if (Math.abs(fd) > 1e-3) {
            assertThat(Math.signum(along[i])).as("sign, class %d image %d", c, i).isEqualTo(Math.signum(fd));
            checked++;
          }
        }
      }
    }
    assertThat(checked).as("cases with a clear sign").isGreaterThan(10);
  }

  /**
   * With channel means, a CAV of C values moves every position of a channel by its value; the summed
   * gradient along it must equal the finite difference of that move.
   */
  @Test
  void channelMeanCavsTakeTheGradientSummedOverPositions() throws Exception {
    ImageFolder classImages = folder("class", 6, 1);
    ImageFolder conceptA = folder("a", 8, 2);
    ImageFolder conceptB = folder("b", 8, 3);
    try (ModelRuntime runtime = new ModelRuntime(FULL, 1); OnnxSession headSession = new OnnxSession(HEAD, 1)) {
      LayerRows a = LayerRows.activations(runtime, conceptA, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      LayerRows bRows = LayerRows.activations(runtime, conceptB, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      LayerRows h = LayerRows.activations(runtime, classImages, InspectFixtures.PRE, "h", 4, BatchProgress.NONE);
      // The means themselves, by hand, for one image and channel.
      double mean = 0;
      for (int p = 0; p < 64; p++) {
        mean += a.rows()[0][2 * 64 + p] / 64.0;
      }
      assertThat(a.perChannel(true, "h").rows()[0][2]).isCloseTo((float) mean, org.assertj.core.data.Offset.offset(1e-5f));
      Cav cav = Cav.learn(a.perChannel(true, "h").rows(), bRows.perChannel(true, "h").rows(), 0.01, new Random(5));
      assertThat(cav.direction()).hasSize(4);
      float[] spread = new float[4 * 64];
      for (int j = 0; j < spread.length; j++) {
        spread[j] = cav.direction()[j / 64];
      }
      LayerRows gradients = ClassGradients.of(runtime, classImages, InspectFixtures.PRE, "h", "y", 1, 4,
          BatchProgress.NONE).perChannel(false, "h");
      // Reduced batch by batch while reading, the rows are the same.
      LayerRows streamed = ClassGradients.of(runtime, classImages, InspectFixtures.PRE, "h", "y", 1, 4, true,
          BatchProgress.NONE);
      LayerRows streamedMeans = LayerRows.activations(runtime, conceptA, InspectFixtures.PRE, "h", 4, true,
          BatchProgress.NONE);
      for (int i = 0; i < gradients.size(); i++) {
        assertThat(streamed.rows()[i]).containsExactly(gradients.rows()[i]);
      }
      assertThat(streamedMeans.rows()[0]).containsExactly(a.perChannel(true, "h").rows()[0]);
      assertThat(streamedMeans.itemShape()).containsExactly(4);
      double[] along = ClassGradients.along(gradients, cav.direction());
      for (int i = 0; i < h.size(); i++) {
        double eps = 1e-2;
        double fd = (score(headSession, shifted(h.rows()[i], spread, eps), 1)
            - score(headSession, shifted(h.rows()[i], spread, -eps), 1)) / (2 * eps);
        assertThat(along[i]).as("image %d", i).isCloseTo(fd, org.assertj.core.data.Offset.offset(1e-3 + 0.02 * Math.abs(fd)));
      }
    }
  }

  private static float[] shifted(float[] h, float[] direction, double eps) {
    float[] out = h.clone();
    for (int j = 0; j < out.length; j++) {
      out[j] += (float) (eps * direction[j]);
    }
    return out;
  }

  private static double score(OnnxSession head, float[] h, int c) {
    FloatTensor in = new FloatTensor(new long[] {1, 4, 8, 8}, h);
    return head.run(Map.of("h", in), List.of("y")).get("y").data()[c];
  }
}
