package org.gradcam4j.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.runtime.Ort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spark-submit entry point: explain's options, Parquet out, and a clear message for a missing GPU build. */
class SparkExplainMainTest {
  @TempDir
  Path tmp;

  private final SparkSession spark = LocalSpark.get();

  @Test
  void explainsAFolderIntoParquetWithExplainsOptions() throws IOException {
    LocalSpark.syntheticImages(tmp.resolve("images"), 4);
    String out = tmp.resolve("out").toString();
    int code = SparkExplainMain.run(spark, "--model", "demo", "--images", tmp.resolve("images").toString(),
        "--out", out, "--methods", "gradcam,saliency", "--target", "2", "--batch-size", "2");
    assertThat(code).isZero();
    Dataset<Row> rows = spark.read().parquet(out);
    assertThat(rows.count()).isEqualTo(8);
    assertThat(rows.filter("target_class = 2 and error is null").count()).isEqualTo(8);
    assertThat(rows.filter("method = 'saliency'").select("map_height").first().getInt(0)).isEqualTo(64);
  }

  @Test
  void cudaWithoutTheGpuBuildStopsBeforeAnyTaskNamingWhatIsMissing() throws IOException {
    assumeFalse(Ort.availableProviders().contains(OrtProvider.CUDA), "this ONNX Runtime has the CUDA provider");
    LocalSpark.syntheticImages(tmp.resolve("images"), 1);
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = SparkExplainMain.run(spark, "--model", "demo", "--images", tmp.resolve("images").toString(),
          "--out", tmp.resolve("out").toString(), "--device", "cuda:0");
    } finally {
      System.setErr(saved);
    }
    assertThat(code).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("CUDA execution provider").contains("onnxruntime_gpu");
    assertThat(tmp.resolve("out")).doesNotExist();
  }
}
