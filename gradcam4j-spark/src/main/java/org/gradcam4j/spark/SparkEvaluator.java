package org.gradcam4j.spark;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.stddev_samp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.run.Evaluation;
import org.gradcam4j.eval.run.EvaluationData;
import org.gradcam4j.eval.run.EvaluationImage;
import org.gradcam4j.eval.run.Metric;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.methods.Methods;
import org.gradcam4j.model.ResolvedModel;

/**
 * {@code gradcam4j evaluate}'s per-image metrics for every image of a {@code Dataset<Row>}, computed by
 * the library's {@link Evaluation} inside each partition (so the values are the ones {@code evaluate}
 * writes to its journal), with the summary, the mean, standard deviation and count per method and
 * metric, computed by Spark ({@link #summary}). Images come without ground truth here, so the metrics are
 * those that need none: deletion, insertion, ROAD and confidence by default. Input columns as for
 * {@link SparkExplainer}; a bad image gives a row with an {@code error}.
 */
public final class SparkEvaluator implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The columns of {@link #evaluate}'s result: one row per image and method. */
  public static final StructType SCHEMA = new StructType()
      .add("path", DataTypes.StringType, true)
      .add("method", DataTypes.StringType, true)
      .add("predicted", DataTypes.IntegerType, true)
      .add("explained", DataTypes.IntegerType, true)
      .add("metrics", DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, true), true)
      .add("explain_ms", DataTypes.DoubleType, true)
      .add("metrics_ms", DataTypes.DoubleType, true)
      .add("error", DataTypes.StringType, true);

  private final String model;
  private String device = "cpu";
  private int threads;
  private String methods = "gradcam";
  private String metrics = "deletion,insertion,road,confidence";
  private Preprocessing preprocessing;
  private int batchSize = 8;

  private SparkEvaluator(String model) {
    this.model = model;
  }

  public static SparkEvaluator forModel(String model) {
    return new SparkEvaluator(model);
  }

  public SparkEvaluator device(String d) {
    this.device = d;
    return this;
  }

  public SparkEvaluator threads(int n) {
    this.threads = n;
    return this;
  }

  public SparkEvaluator methods(String names) {
    this.methods = names;
    return this;
  }

  /** Metric names, comma-separated, as {@code evaluate --metrics}; only those without ground truth apply. */
  public SparkEvaluator metrics(String names) {
    this.metrics = names;
    return this;
  }

  public SparkEvaluator preprocessing(Preprocessing p) {
    this.preprocessing = p;
    return this;
  }

  public SparkEvaluator batchSize(int n) {
    if (n < 1) {
      throw new GradCamException("--batch-size must be at least 1, got " + n);
    }
    this.batchSize = n;
    return this;
  }

  public Dataset<Row> evaluate(Dataset<Row> images) {
    ImageInput.check(images.schema());
    Methods.parseList(methods);
    Metric.parseList(metrics);
    ResolvedModel resolved = ExecutorModels.get(new ModelSource(model, "cpu", threads)).model();
    Preprocessing pre = preprocessing != null ? preprocessing
        : resolved.preprocessing().orElseGet(() -> Preprocessing.preset("imagenet"));
    return images.mapPartitions(new EvaluatePartition(new ModelSource(model, device, threads).checked(), methods, metrics,
        new PreprocessingValues(pre), batchSize, images.schema()), Encoders.row(SCHEMA));
  }

  /** Mean, sample standard deviation and count of every metric per method, over the rows without error. */
  public static Dataset<Row> summary(Dataset<Row> perImage) {
    return perImage.filter(col("error").isNull())
        .select(col("method"), explode(col("metrics")).as(new String[] {"metric", "value"}))
        .filter(col("value").isNotNull().and(col("value").equalTo(col("value"))))
        .groupBy("method", "metric")
        .agg(avg("value").as("mean"), stddev_samp("value").as("std"), count("value").as("images"))
        .orderBy("method", "metric");
  }

  /** Batches of images given to one library evaluation inside a partition. */
  private static final int IMAGES_PER_EVALUATION = 8;

  private record EvaluatePartition(ModelSource source, String methods, String metrics, PreprocessingValues pre,
      int batchSize, StructType inputSchema) implements MapPartitionsFunction<Row, Row> {
    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
      ImageInput input = ImageInput.of(inputSchema);
      ExecutorModels.Loaded model = ExecutorModels.get(source);
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
      // Each library evaluation writes its summary files too: give it many images at once.
      return new Batches<>(decoded, batchSize * IMAGES_PER_EVALUATION, batch -> evaluateBatch(model, batch));
    }

    private List<Row> evaluateBatch(ExecutorModels.Loaded model, List<ImageInput.Decoded> batch) {
      List<ImageInput.Decoded> good = batch.stream().filter(ImageInput.Decoded::ok).toList();
      Map<String, List<Row>> byPath = good.isEmpty() ? Map.of() : evaluate(model, good);
      List<Row> out = new ArrayList<>();
      for (ImageInput.Decoded d : batch) {
        if (d.ok()) {
          out.addAll(byPath.getOrDefault(d.path(), List.of()));
        } else {
          out.add(RowFactory.create(d.path(), null, null, null, null, null, null, d.error()));
        }
      }
      return out;
    }

    /** Runs the library's evaluation on the batch in a scratch folder and reads its journal back. */
    private Map<String, List<Row>> evaluate(ExecutorModels.Loaded model, List<ImageInput.Decoded> images) {
      Path scratch = null;
      try {
        scratch = Files.createTempDirectory("gradcam4j-evaluate");
        Evaluation.builder(model.explainer())
            .preprocessing(pre.toPreprocessing())
            .data(new InMemoryData(images))
            .methods(Methods.parseList(methods))
            .metrics(Set.copyOf(Metric.parseList(metrics)))
            .batchSize(batchSize)
            .threads(model.explainer().runtime().threads())
            .workers(1)
            .output(scratch)
            .build()
            .run();
        return readJournal(scratch.resolve(Evaluation.JOURNAL_FILE));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteQuietly(scratch);
      }
    }

    private static Map<String, List<Row>> readJournal(Path journal) throws IOException {
      ObjectMapper json = new ObjectMapper();
      Map<String, List<Row>> out = new HashMap<>();
      List<String> lines = Files.readAllLines(journal);
      for (String line : lines.subList(1, lines.size())) {
        JsonNode image = json.readTree(line);
        String path = image.path("image").asText();
        image.path("methods").fields().forEachRemaining(m -> {
          Map<String, Double> values = new LinkedHashMap<>();
          m.getValue().path("metrics").fields().forEachRemaining(v ->
              values.put(v.getKey(), v.getValue().isNull() ? null : v.getValue().asDouble()));
          out.computeIfAbsent(path, k -> new ArrayList<>()).add(RowFactory.create(path, m.getKey(),
              image.path("predicted").asInt(), image.path("explained").asInt(),
              scala.jdk.javaapi.CollectionConverters.asScala(values), m.getValue().path("explain_ms").asDouble(),
              m.getValue().path("metrics_ms").asDouble(), null));
        });
      }
      return out;
    }

    private static void deleteQuietly(Path dir) {
      if (dir == null) {
        return;
      }
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // a scratch folder in the temporary directory; the system cleans it up
      }
    }
  }

  /** The decoded images of a batch as evaluation data (no ground truth: only model-based metrics apply). */
  private record InMemoryData(List<ImageInput.Decoded> images) implements EvaluationData {
    @Override
    public int size() {
      return images.size();
    }

    @Override
    public String id(int index) {
      return images.get(index).path();
    }

    @Override
    public EvaluationImage load(int index) {
      return new EvaluationImage(images.get(index).path(), images.get(index).image(), List.of());
    }

    @Override
    public String describe() {
      return "spark partition";
    }
  }
}
