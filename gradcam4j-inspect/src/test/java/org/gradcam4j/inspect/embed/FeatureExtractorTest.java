package org.gradcam4j.inspect.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.runtime.FloatTensor;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.train.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureExtractorTest {
  @TempDir
  Path tmp;

  @Test
  void poolingAveragesSpatialTensorsAndKeepsOthers() {
    FloatTensor t = new FloatTensor(new long[] {2, 2, 1, 3}, new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});
    float[][] p = FeatureExtractor.pool(t, 2);
    assertThat(p[0]).containsExactly(2f, 5f);
    assertThat(p[1]).containsExactly(8f, 11f);
    FloatTensor flat = new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
    assertThat(FeatureExtractor.pool(flat, 2)[1]).containsExactly(4f, 5f, 6f);
  }

  @Test
  void filesAndInMemoryImagesGiveTheModelsOwnValuesAndSkipBrokenFiles() throws Exception {
    SyntheticDataset data = new SyntheticDataset(9);
    Path dir = tmp.resolve("imgs");
    List<RgbImage> images = List.of(data.sample(0).image(), data.sample(1).image(), data.sample(2).image());
    for (int i = 0; i < images.size(); i++) {
      PngWriter.write(dir.resolve("c" + i).resolve(i + ".png"), images.get(i));
    }
    Files.createDirectories(dir.resolve("c9"));
    Files.writeString(dir.resolve("c9").resolve("bad.jpg"), "garbage");
    Preprocessing pre = DemoModel.card().orElseThrow().preprocessing().toPreprocessing();
    try (ModelRuntime runtime = new ModelRuntime(DemoModel.load(), 1)) {
      // The logits are not spatial: taken as they are, they must equal the model's scores.
      FeatureExtractor logits = new FeatureExtractor(runtime, pre, "logits", 2, 16);
      FeatureExtractor.Result r = logits.extract(Embeddings.listImages(dir),
          f -> f.getParent().getFileName().toString(), FeatureExtractor.Progress.NONE);
      assertThat(r.embeddings().size()).isEqualTo(3);
      assertThat(r.embeddings().labels()).containsExactly("c0", "c1", "c2");
      assertThat(r.skipped()).singleElement().satisfies(s -> assertThat(s.file().toString()).endsWith("bad.jpg"));
      assertThat(r.thumbnails()).allSatisfy(t -> assertThat(t.width()).isEqualTo(16));
      List<FloatTensor> items = images.stream().map(im -> pre.normalize(pre.resizeAndCrop(im))).toList();
      float[][] scores = runtime.scoreRows(FloatTensor.stack(items), "logits");
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < scores[i].length; j++) {
          assertThat(r.embeddings().vectors()[i][j]).isCloseTo(scores[i][j], offset(1e-4f));
        }
      }
      // The default layer, pooled: the mean over positions of the tensor itself.
      FeatureExtractor def = new FeatureExtractor(runtime, pre, null, 8, 0);
      float[][] v = def.features(images);
      String layer = def.resolvedLayer(FloatTensor.stack(items).shape());
      FloatTensor act = runtime.forward(FloatTensor.stack(items), List.of(layer)).get(layer);
      assertThat(act.rank()).isEqualTo(4);
      assertThat(v[0]).hasSize((int) act.dim(1));
      int hw = (int) (act.dim(2) * act.dim(3));
      double mean = 0;
      int base = (int) ((1 * act.dim(1) + 3) * hw); // image 1, channel 3
      for (int j = 0; j < hw; j++) {
        mean += act.data()[base + j];
      }
      assertThat(v[1][3]).isCloseTo((float) (mean / hw), offset(1e-4f));
    }
  }
}
