package org.gradcam4j.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ChannelOrder;
import org.gradcam4j.image.Preprocessing;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code spark-submit --class org.gradcam4j.spark.SparkExplainMain gradcam4j-spark.jar --model ...
 * --images ... --out ...}: explains every image under a folder (any Hadoop path) and writes one Parquet
 * row per image and method, resumably ({@link ResumableOutput}). The options are those of
 * {@code gradcam4j explain} where they make sense on a cluster.
 */
@Command(name = "gradcam4j-spark", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Explains every image of a folder as a Spark job: one Parquet row per image and method (target,"
        + " score, top-5, the map at layer resolution, timings, or an error message for an image that cannot be"
        + " read). Run again with the same --out to finish a run that was stopped: images already in the output"
        + " are skipped."})
public final class SparkExplainMain implements Callable<Integer> {
  @Option(names = {"-m", "--model"}, required = true, paramLabel = "URI",
      description = "The ONNX model: a file on any Hadoop file system (hdfs://, s3a://, file:, a local path), the"
          + " name of a file shipped with --files, or demo (the built-in model). A model card <name>.json next to"
          + " it is honoured.")
  String model;

  @Option(names = "--images", required = true, paramLabel = "URI",
      description = "Folder of images (PNG or JPEG), read recursively, on any Hadoop file system.")
  String images;

  @Option(names = {"-o", "--out"}, required = true, paramLabel = "URI", description = "Output folder (Parquet).")
  String out;

  @Option(names = {"--method", "--methods"}, defaultValue = "gradcam", paramLabel = "NAMES",
      description = "Method(s), comma-separated (default: ${DEFAULT-VALUE}).")
  String methods;

  @Option(names = "--layer", paramLabel = "NAME", split = ",",
      description = "Target layer(s) (default: the model card's, else the last convolutional activation).")
  List<String> layers = List.of();

  @Option(names = "--output", paramLabel = "NAME", description = "Tensor to explain (default: the model's output).")
  String scoreTensor;

  @Option(names = "--target", defaultValue = "top1", paramLabel = "top1|INT",
      description = "Class to explain: top1 or a class index (default: ${DEFAULT-VALUE}).")
  String target;

  @Option(names = "--counterfactual", description = "Explain the evidence against the target class.")
  boolean counterfactual;

  @Option(names = "--preset", paramLabel = "NAME",
      description = "imagenet, caffe-bgr, inception or none (default: the model card's, else imagenet).")
  String preset;

  @Option(names = "--resize", paramLabel = "PIXELS", description = "Resize the shorter side to this.")
  Integer resize;

  @Option(names = "--crop", paramLabel = "PIXELS", description = "Centre-crop to this square size.")
  Integer crop;

  @Option(names = "--bgr", description = "Feed channels in BGR order.")
  boolean bgr;

  @Option(names = "--batch-size", defaultValue = "8", paramLabel = "N",
      description = "Images per ONNX Runtime run inside each partition (default: ${DEFAULT-VALUE}).")
  int batchSize;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
      description = "ONNX Runtime intra-op threads per task (default: the task's cores, spark.task.cpus).")
  int threads;

  @Option(names = "--device", defaultValue = "cpu", paramLabel = "cpu|cuda[:N]",
      description = "Where executors run the model; cuda needs the onnxruntime_gpu build and GPU executors"
          + " (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--overlays", paramLabel = "URI",
      description = "Also write an overlay PNG per image and method into this folder (default: none).")
  String overlays;

  @Option(names = "--images-per-chunk", defaultValue = "1000", paramLabel = "N",
      description = "Images per Spark job; a stopped run loses at most one chunk (default: ${DEFAULT-VALUE}).")
  int imagesPerChunk;

  private SparkSession spark;

  /** For spark-submit: uses (and stops) the session that spark-submit configures. */
  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("gradcam4j explain").getOrCreate();
    int code;
    try {
      code = run(spark, args);
    } finally {
      spark.stop();
    }
    System.exit(code);
  }

  /** Runs the job in an existing session; returns the exit code (0 success, 1 failure, 2 usage error). */
  public static int run(SparkSession spark, String... args) {
    System.setProperty("java.awt.headless", "true");
    SparkExplainMain job = new SparkExplainMain();
    job.spark = spark;
    CommandLine cl = new CommandLine(job);
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      line.getErr().println("error: " + (e instanceof GradCamException ? e.getMessage() : e.toString()));
      return 1;
    });
    return cl.execute(args);
  }

  @Override
  public Integer call() {
    SparkExplainer explainer = SparkExplainer.forModel(model)
        .methods(methods).layers(layers).scoreTensor(scoreTensor).target(target).counterfactual(counterfactual)
        .batchSize(batchSize).threads(threads).device(device).overlays(overlays);
    Preprocessing pre = preprocessing();
    if (pre != null) {
      explainer.preprocessing(pre);
    }
    Dataset<Row> input = ImageListing.paths(spark, images);
    long total = input.count();
    PrintWriter err = new PrintWriter(System.err, true);
    long started = System.nanoTime();
    ResumableOutput.Result r = new ResumableOutput(spark, out, imagesPerChunk)
        .write(input, explainer::explain, done -> err.printf(Locale.ROOT, "%d images explained%n", done));
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(Locale.ROOT, "%d images: %d explained now in %.1f s (%.2f images/s), %d already in %s%n",
        total, r.processed(), seconds, r.processed() / Math.max(seconds, 1e-9), r.skipped(), out);
    return 0;
  }

  /** The preset with explicit options on top, or {@code null} to use the model card's. */
  private Preprocessing preprocessing() {
    if (preset == null && resize == null && crop == null && !bgr) {
      return null;
    }
    Preprocessing p = Preprocessing.preset(preset != null ? preset : "imagenet");
    if (resize != null) {
      p = p.withResize(resize);
    }
    if (crop != null) {
      p = p.withCrop(crop);
    }
    return bgr ? new Preprocessing(p.resize(), p.crop(), ChannelOrder.BGR, p.divisor(), p.mean(), p.std()) : p;
  }
}
