package org.gradcam4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.Explainer;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.Npy;
import org.gradcam4j.methods.Explanation;
import org.gradcam4j.render.ExplainedImage;
import org.gradcam4j.testing.ReferenceCases;
import org.gradcam4j.testing.SharedData;
import org.gradcam4j.train.DemoModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark's maps equal the library's (which the CLI writes) for the same images and settings. */
class SparkExplainerTest {
  @TempDir
  Path tmp;

  private final SparkSession spark = LocalSpark.get();

  @Test
  void mapsEqualTheLibrarysAndABadImageGivesOnlyItsOwnErrorRows() throws IOException {
    List<Path> files = LocalSpark.syntheticImages(tmp.resolve("images"), 10);
    Path corrupt = tmp.resolve("images/broken.png");
    byte[] good = Files.readAllBytes(files.get(0));
    Files.write(corrupt, java.util.Arrays.copyOf(good, good.length / 2));
    Path overlays = tmp.resolve("overlays");

    Dataset<Row> input = spark.createDataFrame(
        new ArrayList<>(files.stream().map(f -> RowFactory.create(f.toString())).toList()) {{
          add(RowFactory.create(corrupt.toString()));
        }}, ImageListing.SCHEMA).repartition(2);
    List<Row> rows = SparkExplainer.forModel("demo").methods("gradcam,gradcam++").batchSize(3)
        .overlays(overlays.toString()).explain(input).collectAsList();

    assertThat(rows).hasSize(2 * 11);
    List<Row> errors = rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("error"))).toList();
    assertThat(errors).hasSize(2);
    assertThat(errors).allSatisfy(r -> {
      assertThat(r.<String>getAs("path")).isEqualTo(corrupt.toString());
      assertThat(r.<String>getAs("error")).contains("broken.png").containsIgnoringCase("truncated");
      assertThat(r.isNullAt(r.fieldIndex("map"))).isTrue();
    });

    Map<String, Row> byKey = new HashMap<>();
    rows.forEach(r -> byKey.put(r.getAs("path") + "|" + r.getAs("method"), r));
    try (Explainer library = Explainer.of(DemoModel.load(), 1)) {
      List<RgbImage> images = files.stream().map(ImageDecoder::read).toList();
      List<ExplainedImage> expected = library.explainImages(images, files.stream().map(Path::toString).toList())
          .preprocessing(DemoModel.card().orElseThrow().preprocessing().toPreprocessing())
          .methods("gradcam,gradcam++").run();
      for (ExplainedImage e : expected) {
        for (String method : List.of("gradcam", "gradcam++")) {
          Row r = byKey.get(e.name() + "|" + method);
          Explanation x = e.explanation(method);
          assertThat(r.<Integer>getAs("target_class")).isEqualTo(x.targetClass());
          assertThat(r.<Float>getAs("target_score")).isCloseTo(x.targetScore(), within(1e-4f));
          assertThat(r.<String>getAs("target_label")).isEqualTo(
              DemoModel.card().orElseThrow().labels().names().get(x.targetClass()));
          assertThat(r.<Integer>getAs("map_height")).isEqualTo((int) x.lowRes().dim(0));
          assertThat(r.<Integer>getAs("map_width")).isEqualTo((int) x.lowRes().dim(1));
          assertThat(ReferenceCases.relativeMaxError(floats(r.getList(r.fieldIndex("map"))), x.lowRes().data()))
              .isLessThan(1e-5);
          assertThat(r.getList(r.fieldIndex("top5"))).hasSize(5);
          assertThat(Files.isRegularFile(Path.of(r.<String>getAs("overlay")))).isTrue();
        }
      }
    }
    try (var listing = Files.list(overlays)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .hasSize(20).allMatch(n -> n.matches("shape-\\d{3}-[0-9a-f]{8}\\.gradcam(\\+\\+)?\\.png"));
    }
  }

  @Test
  void binaryFileInputGivesTheSameMapsAsPaths() throws IOException {
    Path dir = tmp.resolve("bin");
    LocalSpark.syntheticImages(dir, 4);
    Dataset<Row> bytes = spark.read().format("binaryFile").load(dir.toString());
    List<Row> fromBytes = SparkExplainer.forModel("demo").explain(bytes).collectAsList();
    Dataset<Row> paths = bytes.select("path");
    List<Row> fromPaths = SparkExplainer.forModel("demo").explain(paths).collectAsList();
    assertThat(fromBytes).hasSize(4);
    Map<String, List<Float>> expected = new HashMap<>();
    fromPaths.forEach(r -> expected.put(r.getAs("path"), r.getList(r.fieldIndex("map"))));
    for (Row r : fromBytes) {
      assertThat(r.<String>getAs("error")).isNull();
      assertThat(r.getList(r.fieldIndex("map"))).isEqualTo(expected.get(r.<String>getAs("path")));
    }
  }

  /** The shared SqueezeNet on a photo: the same reference map that the CLI's explain test checks. */
  @Test
  void squeezeNetGradCamMatchesTheReferenceLikeTheCli() {
    Path model = SharedData.model(SharedData.SQUEEZENET);
    Dataset<Row> input = spark.createDataFrame(List.of(RowFactory.create(SharedData.image("chelsea.png").toString())),
        ImageListing.SCHEMA);
    Row r = SparkExplainer.forModel(model.toString()).preprocessing(Preprocessing.preset("caffe-bgr"))
        .explain(input).collectAsList().get(0);
    assertThat(r.<Integer>getAs("target_class")).isEqualTo(285);
    assertThat(r.<String>getAs("layer")).isEqualTo("conv10_2");
    float[] reference = Npy.read(SharedData.reference("maps/squeezenet11/chelsea__c285__conv10__GradCAM.lowres.npy")).data();
    assertThat(ReferenceCases.relativeMaxError(floats(r.getList(r.fieldIndex("map"))), reference)).isLessThan(2e-5);
  }

  static float[] floats(List<Object> values) {
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) values.get(i);
    }
    return out;
  }
}
