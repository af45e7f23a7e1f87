package org.gradcam4j.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.inspect.embed.FeatureExtractor;
import org.gradcam4j.model.ResolvedModel;

/**
 * The embedding of every image of a {@code Dataset<Row>}: one row per image with the channel means of
 * a layer's activations ({@link FeatureExtractor}, as {@code gradcam4j embed} computes them), for
 * nearest-neighbour search and 2-D maps at scale (for example Spark ML's
 * {@code BucketedRandomProjectionLSH} or {@code PCA} on the {@code vector} column after
 * {@code array_to_vector}). Input columns as for {@link SparkExplainer}; a bad image gives a row with an
 * {@code error}.
 */
public final class SparkEmbedder implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns of {@link #embed}'s result. */
  public static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, true)
      .add("layer", DataTypes.StringType, true)
      .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), true)
      .add("decode_ms", DataTypes.DoubleType, true)
      .add("embed_ms", DataTypes.DoubleType, true)
      .add("error", DataTypes.StringType, true);

  private final String model;
  private String device = "cpu";
  private int threads;
  private String layer;
  private Preprocessing preprocessing;
  private int batchSize = 16;

  private SparkEmbedder(String model) {
    this.model = model;
  }

  public static SparkEmbedder forModel(String model) {
    return new SparkEmbedder(model);
  }

  public SparkEmbedder device(String d) {
    this.device = d;
    return this;
  }

  public SparkEmbedder threads(int n) {
    this.threads = n;
    return this;
  }

  /** The layer whose activations are pooled; default: the last spatial layer. */
  public SparkEmbedder layer(String name) {
    this.layer = name;
    return this;
  }

  public SparkEmbedder preprocessing(Preprocessing p) {
    this.preprocessing = p;
    return this;
  }

  public SparkEmbedder batchSize(int n) {
    if (n < 1) {
      throw new GradCamException("--batch-size must be at least 1, got " + n);
    }
    this.batchSize = n;
    return this;
  }

  public Dataset<Row> embed(Dataset<Row> images) {
    ImageInput.check(images.schema());
    ModelSource source = new ModelSource(model, device, threads).checked();
    ExecutorModels.Loaded loaded = ExecutorModels.get(new ModelSource(model, "cpu", threads));
    ResolvedModel resolved = loaded.model();
    Preprocessing pre = preprocessing != null ? preprocessing
        : resolved.preprocessing().orElseGet(() -> Preprocessing.preset("imagenet"));
    String chosen = layer != null ? layer : resolved.layers().stream().findFirst().orElse(null);
    String tensor = new FeatureExtractor(loaded.explainer().runtime(), pre, chosen, batchSize, 0)
        .resolvedLayer(new long[] {1, 3, Math.max(pre.crop(), 1), Math.max(pre.crop(), 1)});
    return images.mapPartitions(new EmbedPartition(source, new PreprocessingValues(pre), tensor, batchSize,
        images.schema()), Encoders.row(SCHEMA));
  }

  private record EmbedPartition(ModelSource source, PreprocessingValues pre, String layer, int batchSize,
      StructType inputSchema) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ImageInput input = ImageInput.of(inputSchema);
      FeatureExtractor extractor = new FeatureExtractor(ExecutorModels.get(source).explainer().runtime(),
          pre.toPreprocessing(), layer, batchSize, 0);
      Iterator<ImageInput.Decoded> decoded = new Iterator<>() {
        @Override
        public boolean hasNext() {
          return rows.hasNext();
        }

        @Override
        public ImageInput.Decoded next() {
          return input.read(rows.next());
        }
      };
      return new Batches<>(decoded, batchSize, batch -> embedBatch(extractor, batch));
    }

    private List<Row> embedBatch(FeatureExtractor extractor, List<ImageInput.Decoded> batch) {
      List<ImageInput.Decoded> good = batch.stream().filter(ImageInput.Decoded::ok).toList();
      long t0 = System.nanoTime();
      float[][] vectors = good.isEmpty() ? new float[0][]
          : extractor.features(good.stream().map(ImageInput.Decoded::image).toList());
      double perImage = good.isEmpty() ? 0 : (System.nanoTime() - t0) / 1e6 / good.size();
      List<Row> out = new ArrayList<>();
      int next = 0;
      for (ImageInput.Decoded d : batch) {
        out.add(d.ok()
            ? RowFactory.create(d.path(), layer, ExplanationRows.boxed(vectors[next++]), d.decodeMs(), perImage, null)
            : RowFactory.create(d.path(), null, null, d.decodeMs(), null, d.error()));
      }
      return out;
    }
  }
}
