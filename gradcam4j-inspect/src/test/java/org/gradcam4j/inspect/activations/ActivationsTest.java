package org.gradcam4j.inspect.activations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.inspect.BatchProgress;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.InspectFixtures;
import org.gradcam4j.inspect.LayerTensor;
import org.gradcam4j.onnx.DataType;
import org.gradcam4j.onnx.GraphBuilder;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.Models;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivationsTest {
  @TempDir
  Path tmp;

  /** x [N,3,H,W] -> Conv (stride 2) -> Relu "mid" [N,6,H/2,W/2] -> Conv -> GlobalAveragePool -> Flatten "logits" [N,4]. */
  static OnnxModel net() {
    GraphBuilder b = new GraphBuilder("net", 17);
    String x = b.input("x", DataType.FLOAT, "N", 3L, "H", "W");
    String c = b.node("Conv").inputs(x, Models.weights(b, "w1", 11, 0.4f, 6, 3, 3, 3))
        .attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output();
    String mid = b.node("Relu").inputs(c).outputNamed("mid");
    String c2 = b.node("Conv").inputs(mid, Models.weights(b, "w2", 12, 0.4f, 4, 6, 1, 1)).output();
    String pooled = b.op("GlobalAveragePool", c2);
    String logits = b.node("Flatten").inputs(pooled).outputNamed("logits");
    b.output(logits, DataType.FLOAT, "N", 4L);
    return OnnxModel.of(b.buildModel(), "net");
  }

  @Test
  void oneImagesChannelsAreWhatOnnxRuntimeReturnsForThatOutput() throws Exception {
    Path dir = InspectFixtures.randomImages(tmp.resolve("imgs"), 1, 20, 5, false);
    FloatTensor input = FloatTensor.stack(List.of(InspectFixtures.PRE.normalize(ImageDecoder.read(dir.resolve("img00.png")))));
    OnnxModel model = net();
    try (ModelRuntime runtime = new ModelRuntime(model, 1)) {
      LayerTensor l = LayerTensor.resolve(runtime, "mid", input.shape());
      assertThat(new int[] {l.channels(), l.height(), l.width()}).containsExactly(6, 10, 10);
      ChannelActivations a = ChannelActivations.of(l, runtime.forward(input, List.of(l.name())).get(l.name()));
      FloatTensor expected = InspectFixtures.asGraphOutput(model, "x", input, "mid");
      assertThat(a.values().shape()).containsExactly(expected.shape());
      assertThat(a.values().data()).containsExactly(expected.data());
      // The ranking: means from ONNX Runtime's values, sorted by brute force.
      double[] means = new double[6];
      for (int c = 0; c < 6; c++) {
        for (int i = 0; i < 100; i++) {
          means[c] += expected.data()[c * 100 + i] / 100.0;
        }
      }
      for (int r = 1; r < 6; r++) {
        assertThat(means[a.order()[r - 1]]).isGreaterThanOrEqualTo(means[a.order()[r]]);
      }
      assertThat(a.order()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5);
    }
  }

  @Test
  void theThresholdIsTheBruteForceQuantileOverTheFolder() throws Exception {
    Path dir = InspectFixtures.randomImages(tmp.resolve("imgs"), 7, 16, 9, true);
    OnnxModel model = net();
    ImageFolder folder = ImageFolder.of(dir);
    try (ModelRuntime runtime = new ModelRuntime(model, 1)) {
      LayerTensor l = LayerTensor.resolve(runtime, "mid", new long[] {1, 3, 16, 16});
      double q = 0.05;
      Dissection d = Dissection.run(runtime, folder, InspectFixtures.PRE, l, List.of(4, 1), q, 3, 3, BatchProgress.NONE);
      assertThat(d.skipped()).extracting(s -> s.file().getFileName().toString()).containsExactly("broken.png");

      // Brute force: every image on its own through an independent session, all values sorted.
      for (Dissection.Unit u : d.units()) {
        List<Float> all = new ArrayList<>();
        float[] maxima = new float[7];
        for (int i = 0; i < 7; i++) {
          FloatTensor in = FloatTensor.stack(List.of(InspectFixtures.PRE.normalize(
              ImageDecoder.read(dir.resolve(String.format("img%02d.png", i))))));
          float[] v = InspectFixtures.asGraphOutput(model, "x", in, "mid").data();
          maxima[i] = Float.NEGATIVE_INFINITY;
          for (int p = u.channel() * 64; p < (u.channel() + 1) * 64; p++) {
            all.add(v[p]);
            maxima[i] = Math.max(maxima[i], v[p]);
          }
        }
        all.sort(null);
        assertThat(all).hasSize(7 * 64);
        float expected = all.get((int) Math.floor((1 - q) * (all.size() - 1)));
        assertThat(u.threshold()).isEqualTo(expected);
        // About 5 % of the values lie above the threshold.
        long above = all.stream().filter(v -> v > expected).count();
        assertThat(above).isBetween(1L, (long) Math.ceil(q * all.size()));

        Integer[] byMax = {0, 1, 2, 3, 4, 5, 6};
        Arrays.sort(byMax, (a, b) -> Float.compare(maxima[b], maxima[a]));
        assertThat(u.top()).extracting(t -> t.file().getFileName().toString()).containsExactly(
            String.format("img%02d.png", byMax[0]), String.format("img%02d.png", byMax[1]),
            String.format("img%02d.png", byMax[2]));
        assertThat(u.top().get(0).max()).isEqualTo(maxima[byMax[0]]);
      }
    }
  }

  @Test
  void upperQuantileEqualsSortingOnRandomAndTiedValues() {
    Random r = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(500);
      float[] v = new float[n];
      for (int i = 0; i < n; i++) {
        v[i] = trial % 2 == 0 ? r.nextFloat() : r.nextInt(5);
      }
      double q = 0.001 + r.nextDouble() * 0.5;
      float[] sorted = v.clone();
      Arrays.sort(sorted);
      assertThat(UpperQuantile.of(v, n, q)).isEqualTo(sorted[(int) Math.floor((1 - q) * (n - 1))]);
    }
  }

  @Test
  void aLayerThatIsNot4DOrAChannelOutOfRangeIsNamed() {
    try (ModelRuntime runtime = new ModelRuntime(net(), 1)) {
      long[] shape = {1, 3, 16, 16};
      assertThatThrownBy(() -> LayerTensor.resolve(runtime, "logits", shape)).isInstanceOf(GradCamException.class)
          .hasMessageContaining("'logits'").hasMessageContaining("not 4-D");
      LayerTensor l = LayerTensor.resolve(runtime, "mid", shape);
      assertThatThrownBy(() -> l.checkChannels(List.of(2, 6))).isInstanceOf(GradCamException.class)
          .hasMessage("Channel 6 is out of range: layer 'mid' has 6 channels (0-5)");
    }
  }
}
