package org.gradcam4j.inspect.patches;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;
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

class TopPatchesTest {
  @TempDir
  Path tmp;

  /** x -> Conv 3x3 s2 p1 -> Relu -> Conv 3x3 p1 "feat" [N,5,8,8] -> GlobalAveragePool -> Flatten. */
  static OnnxModel net() {
    return net("N");
  }

  /** The same net with batch dimension {@code batch} ("N" or a fixed size). */
  static OnnxModel net(Object batch) {
    GraphBuilder b = new GraphBuilder("net", 17);
    String x = b.input("x", DataType.FLOAT, batch, 3L, 16L, 16L);
    String c = b.relu(b.node("Conv").inputs(x, Models.weights(b, "w1", 21, 0.4f, 4, 3, 3, 3))
        .attrInts("strides", 2, 2).attrInts("pads", 1, 1, 1, 1).output());
    String feat = b.node("Conv").inputs(c, Models.weights(b, "w2", 22, 0.4f, 5, 4, 3, 3))
        .attrInts("pads", 1, 1, 1, 1).outputNamed("feat");
    String logits = b.node("Flatten").inputs(b.op("GlobalAveragePool", feat)).outputNamed("logits");
    b.output(logits, DataType.FLOAT, batch, 5L);
    return OnnxModel.of(b.buildModel(), "net");
  }

  record Expected(String image, int y, int x, float value) {}

  @Test
  void topKEqualsABruteForceRankingOverTheSameImages() throws Exception {
    int n = 23;
    int k = 4;
    Path dir = InspectFixtures.randomImages(tmp.resolve("imgs"), n, 16, 4, true);
    OnnxModel model = net();
    ImageFolder folder = ImageFolder.of(dir);
    TopPatches t;
    try (ModelRuntime runtime = new ModelRuntime(model, 1)) {
      LayerTensor l = LayerTensor.resolve(runtime, "feat", new long[] {1, 3, 16, 16});
      // Batches of 5: the heaps must carry across batches and the last, short one.
      t = TopPatches.run(runtime, folder, InspectFixtures.PRE, l, List.of(), 5, k, 5, BatchProgress.NONE);
    }
    assertThat(t.imagesRead()).isEqualTo(n);
    assertThat(t.skipped()).hasSize(1);
    assertThat(t.channels()).hasSize(5);

    // Brute force: every image through an independent session; per channel and image the first
    // row-major maximum; all (image, peak) pairs sorted by value, then by image name.
    List<List<Expected>> perChannel = new ArrayList<>();
    for (int c = 0; c < 5; c++) {
      perChannel.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      String name = String.format("img%02d.png", i);
      FloatTensor in = FloatTensor.stack(List.of(InspectFixtures.PRE.normalize(ImageDecoder.read(dir.resolve(name)))));
      float[] v = InspectFixtures.asGraphOutput(model, "x", in, "feat").data();
      for (int c = 0; c < 5; c++) {
        int best = -1;
        for (int p = 0; p < 64; p++) {
          if (best < 0 || v[c * 64 + p] > v[c * 64 + best]) {
            best = p;
          }
        }
        perChannel.get(c).add(new Expected(name, best / 8, best % 8, v[c * 64 + best]));
      }
    }
    for (TopPatches.Channel ch : t.channels()) {
      List<Expected> expected = perChannel.get(ch.channel()).stream()
          .sorted(Comparator.comparingDouble((Expected e) -> -e.value()).thenComparing(Expected::image))
          .limit(k).toList();
      List<Expected> actual = ch.hits().stream().map(h -> new Expected(
          folder.files().get(h.image()).getFileName().toString(), h.y(), h.x(), h.value())).toList();
      assertThat(actual).containsExactlyElementsOf(expected);
      assertThat(ch.score()).isCloseTo(expected.stream().mapToDouble(Expected::value).average().orElseThrow(),
          org.assertj.core.data.Offset.offset(1e-6));
    }
    // Channels ranked by the mean of their k best values.
    for (int i = 1; i < t.channels().size(); i++) {
      assertThat(t.channels().get(i - 1).score()).isGreaterThanOrEqualTo(t.channels().get(i).score());
    }
    // Field: 3x3 s2 p1 then 3x3 p1: 7 pixels wide, stride 2, starting 3 pixels before 2 * position.
    assertThat(t.field().height()).isEqualTo(7);
    assertThat(t.field().box(2, 5)).containsExactly(1, 7, 8, 14);
  }

  @Test
  void aModelWithAFixedBatchSizeGetsItsLastBatchPadded() throws Exception {
    Path dir = InspectFixtures.randomImages(tmp.resolve("imgs"), 7, 16, 8, true);
    ImageFolder folder = ImageFolder.of(dir);
    List<List<TopUnits.Hit>> free = new ArrayList<>();
    List<List<TopUnits.Hit>> fixed = new ArrayList<>();
    for (Object batch : new Object[] {"N", 4L}) {
      try (ModelRuntime runtime = new ModelRuntime(net(batch), 1)) {
        LayerTensor l = LayerTensor.resolve(runtime, "feat", new long[] {1, 3, 16, 16});
        TopPatches t = TopPatches.run(runtime, folder, InspectFixtures.PRE, l, List.of(0, 1, 2, 3, 4), 5, 3, 2,
            BatchProgress.NONE);
        assertThat(t.imagesRead()).isEqualTo(7);
        for (TopPatches.Channel c : t.channels()) {
          (batch.equals("N") ? free : fixed).add(c.hits());
        }
      }
    }
    // Batches of 4 (files 0-3, 4-7: the broken one among them, so 3 + 4 images, the first padded).
    assertThat(fixed).isEqualTo(free);
  }

  @Test
  void patchesAreCutFromTheImageAndGreyPastItsBorder() {
    RgbImage image = RgbImage.blank(4, 4);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        image.set(x, y, 0, 10 * y + x);
      }
    }
    RgbImage patch = TopPatchesView.crop(image, new int[] {-1, 2, 2, 5});
    assertThat(patch.width()).isEqualTo(3);
    assertThat(patch.height()).isEqualTo(3);
    assertThat(patch.get(0, 0, 0)).isEqualTo(128);
    assertThat(patch.get(0, 1, 0)).isEqualTo(2);
    assertThat(patch.get(1, 2, 0)).isEqualTo(13);
    assertThat(patch.get(2, 2, 0)).isEqualTo(128);
  }
}
