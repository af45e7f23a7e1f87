package org.gradcam4j.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.PngWriter;

/** One Spark session in local[2] for all the tests of this module (starting Spark takes seconds). */
final class LocalSpark {
  private LocalSpark() {}

  private static SparkSession session;

  static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSession.builder()
          .master("local[2]")
          .appName("gradcam4j-spark tests")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .getOrCreate();
      session.sparkContext().setLogLevel("ERROR");
    }
    return session;
  }

  /** {@code count} synthetic shape images (what the demo model was trained on) as PNG files. */
  static List<Path> syntheticImages(Path dir, int count) throws IOException {
    Files.createDirectories(dir);
    SyntheticDataset data = new SyntheticDataset(11);
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Path f = dir.resolve(String.format("shape-%03d.png", i));
      PngWriter.write(f, data.sample(i).image());
      files.add(f);
    }
    return files;
  }
}
