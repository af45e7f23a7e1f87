package org.gradcam4j.spark;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.IntConsumer;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.gradcam4j.error.GradCamException;

/**
 * Writes a job's rows as Parquet, in chunks of images, so that a run that is killed can be started
 * again and finish the rest: each chunk is one Spark job writing its own folder {@code chunk=NNNNN}
 * under the output, and Spark's committer writes the folder's {@code _SUCCESS} marker only after all
 * its files are in place. A new run deletes the folders without a marker (what a killed run left),
 * reads the paths already in the complete ones, and processes only the other images, so no image is
 * done twice and no row appears twice.
 *
 * <p>Reading the whole output is {@code spark.read().parquet(out)}; the folders become a {@code chunk}
 * column.
 */
public final class ResumableOutput {
  static final String CHUNK = "chunk=";

  /** What a run did: images found already done, images processed now, chunks written now. */
  public record Result(int skipped, int processed, int chunks) {}

  private final SparkSession spark;
  private final String out;
  private final int imagesPerChunk;

  /**
   * @param out the output folder on any Hadoop file system
   * @param imagesPerChunk images per Spark job; a killed run loses at most one chunk's work
   */
  public ResumableOutput(SparkSession spark, String out, int imagesPerChunk) {
    if (imagesPerChunk < 1) {
      throw new GradCamException("--images-per-chunk must be at least 1, got " + imagesPerChunk);
    }
    this.spark = spark;
    this.out = out;
    this.imagesPerChunk = imagesPerChunk;
  }

  /** As {@link #write(Dataset, Function, IntConsumer)} without progress reports. */
  public Result write(Dataset<Row> images, Function<Dataset<Row>, Dataset<Row>> job) {
    return write(images, job, done -> { });
  }

  /**
   * Runs {@code job} on the images of {@code images} (a {@code path} column, see {@link SparkExplainer})
   * that the output does not hold yet, and appends its rows, one chunk at a time.
   *
   * @param progress hears the number of images processed so far after each chunk
   */
  public Result write(Dataset<Row> images, Function<Dataset<Row>, Dataset<Row>> job, IntConsumer progress) {
    ImageInput.check(images.schema());
    try {
      Path root = new Path(out);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      List<String> complete = completeChunks(fs, root);
      Set<String> done = donePaths(complete);
      TreeSet<String> todo = new TreeSet<>();
      for (Row r : images.select(ImageInput.PATH).collectAsList()) {
        if (!r.isNullAt(0) && !done.contains(r.getString(0))) {
          todo.add(r.getString(0));
        }
      }
      boolean bytesInInput = List.of(images.schema().fieldNames()).contains(ImageInput.CONTENT);
      int parallelism = spark.sparkContext().defaultParallelism();
      List<String> pending = new ArrayList<>(todo);
      int number = nextChunkNumber(fs, root);
      int chunks = 0;
      for (int from = 0; from < pending.size(); from += imagesPerChunk) {
        List<String> chunk = pending.subList(from, Math.min(pending.size(), from + imagesPerChunk));
        Dataset<Row> part = images.filter(col(ImageInput.PATH).isin(chunk.toArray()));
        if (!bytesInInput) {
          // Paths only: spreading them evenly over the cores costs nothing and keeps every core busy.
          part = part.repartition(Math.min(parallelism, chunk.size()));
        }
        job.apply(part).write().parquet(new Path(root, String.format(Locale.ROOT, "%s%05d", CHUNK, number++)).toString());
        chunks++;
        progress.accept(from + chunk.size());
      }
      return new Result(done.size(), pending.size(), chunks);
    } catch (IOException e) {
      throw new GradCamException("Cannot use the output folder " + out + ": " + e.getMessage(), e);
    }
  }

  /** The chunk folders with a {@code _SUCCESS} marker; the others, left by a killed run, are deleted. */
  private static List<String> completeChunks(FileSystem fs, Path root) throws IOException {
    List<String> complete = new ArrayList<>();
    if (!fs.exists(root)) {
      return complete;
    }
    for (FileStatus s : fs.listStatus(root)) {
      if (s.isDirectory() && s.getPath().getName().startsWith(CHUNK)) {
        if (fs.exists(new Path(s.getPath(), "_SUCCESS"))) {
          complete.add(s.getPath().toString());
        } else {
          fs.delete(s.getPath(), true);
        }
      }
    }
    return complete;
  }

  private Set<String> donePaths(List<String> complete) {
    Set<String> done = new HashSet<>();
    if (complete.isEmpty()) {
      return done;
    }
    for (Row r : spark.read().parquet(complete.toArray(String[]::new)).select(ImageInput.PATH).distinct()
        .collectAsList()) {
      if (!r.isNullAt(0)) {
        done.add(r.getString(0));
      }
    }
    return done;
  }

  private static int nextChunkNumber(FileSystem fs, Path root) throws IOException {
    int max = 0;
    if (fs.exists(root)) {
      for (FileStatus s : fs.listStatus(root)) {
        String name = s.getPath().getName();
        if (name.startsWith(CHUNK)) {
          try {
            max = Math.max(max, Integer.parseInt(name.substring(CHUNK.length())));
          } catch (NumberFormatException e) {
            // not ours
          }
        }
      }
    }
    return max + 1;
  }
}
