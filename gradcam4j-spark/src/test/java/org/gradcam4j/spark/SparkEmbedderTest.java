package org.gradcam4j.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.inspect.embed.FeatureExtractor;
import org.gradcam4j.runtime.ModelRuntime;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.train.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkEmbedderTest {
  @TempDir
  Path tmp;

  private final SparkSession spark = LocalSpark.get();

  @Test
  void vectorsEqualThoseOfTheEmbedVerbsExtractorAndABadImageGivesAnErrorRow() throws IOException {
    List<Path> files = LocalSpark.syntheticImages(tmp.resolve("images"), 6);
    Files.writeString(tmp.resolve("images/notes.png"), "not an image");
    List<Row> rows = SparkEmbedder.forModel("demo").batchSize(4)
        .embed(ImageListing.paths(spark, tmp.resolve("images").toString())).collectAsList();
    assertThat(rows).hasSize(7);
    Row bad = rows.stream().filter(r -> r.<String>getAs("path").endsWith("notes.png")).findFirst().orElseThrow();
    assertThat(bad.<String>getAs("error")).contains("notes.png").contains("not a PNG or JPEG");

    try (ModelRuntime runtime = new ModelRuntime(DemoModel.load(), 1)) {
      FeatureExtractor extractor = new FeatureExtractor(runtime,
          DemoModel.card().orElseThrow().preprocessing().toPreprocessing(), null, 4, 0);
      float[][] expected = extractor.features(files.stream().map(ImageDecoder::read).toList());
      for (int i = 0; i < files.size(); i++) {
        String name = "/" + files.get(i).getFileName();
        Row r = rows.stream().filter(x -> x.<String>getAs("path").endsWith(name)).findFirst().orElseThrow();
        assertThat(r.isNullAt(r.fieldIndex("error"))).isTrue();
        assertThat(ReferenceCases.relativeMaxError(SparkExplainerTest.floats(r.getList(r.fieldIndex("vector"))),
            expected[i])).isLessThan(1e-5);
      }
    }
  }
}
