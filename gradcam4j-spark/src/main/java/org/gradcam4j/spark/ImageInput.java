package org.gradcam4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.RgbImage;

/**
 * The images of an input row: its {@value #PATH} column names the image; its bytes come from the
 * {@value #CONTENT} column when there is one (Spark's {@code binaryFile} source), else they are read
 * from the path on any Hadoop file system inside the task. A row whose image cannot be read or decoded
 * becomes an {@link Decoded} with an error message instead of an image.
 */
final class ImageInput {
  static final String PATH = "path";
  static final String CONTENT = "content";

  /** One input image, decoded, or the reason it could not be. */
  record Decoded(String path, RgbImage image, String error, double decodeMs) {
    boolean ok() {
      return error == null;
    }
  }

  private final int pathIndex;
  private final int contentIndex;

  private ImageInput(int pathIndex, int contentIndex) {
    this.pathIndex = pathIndex;
    this.contentIndex = contentIndex;
  }

  /** Checks the input's columns on the driver, before a task starts. */
  static void check(StructType schema) {
    if (!Arrays.asList(schema.fieldNames()).contains(PATH)) {
      throw new GradCamException("The input has no '" + PATH + "' column (columns: "
          + String.join(", ", schema.fieldNames()) + "); give a column of image paths, or read the images with"
          + " spark.read().format(\"binaryFile\")");
    }
  }

  static ImageInput of(StructType schema) {
    check(schema);
    boolean hasContent = Arrays.asList(schema.fieldNames()).contains(CONTENT);
    return new ImageInput(schema.fieldIndex(PATH), hasContent ? schema.fieldIndex(CONTENT) : -1);
  }

  Decoded read(Row row) {
    long t0 = System.nanoTime();
    String path = row.isNullAt(pathIndex) ? null : row.getString(pathIndex);
    if (path == null) {
      return new Decoded(null, null, "the row has no path", 0);
    }
    try {
      byte[] bytes = contentIndex >= 0 && !row.isNullAt(contentIndex) ? (byte[]) row.get(contentIndex) : readBytes(path);
      RgbImage image = ImageDecoder.decode(bytes, displayPath(path));
      return new Decoded(path, image, null, (System.nanoTime() - t0) / 1e6);
    } catch (GradCamException e) {
      return new Decoded(path, null, e.getMessage(), (System.nanoTime() - t0) / 1e6);
    } catch (IOException | RuntimeException e) {
      return new Decoded(path, null, "Cannot read " + path + ": " + e.getMessage(), (System.nanoTime() - t0) / 1e6);
    }
  }

  private static byte[] readBytes(String path) throws IOException {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
    FileSystem fs = p.getFileSystem(new Configuration());
    try (InputStream in = fs.open(p)) {
      return in.readAllBytes();
    }
  }

  /** The path as error messages show it (a URI's scheme and host kept). */
  private static Path displayPath(String path) {
    try {
      return Path.of(path);
    } catch (RuntimeException e) {
      return Path.of(path.replaceAll("[^A-Za-z0-9._/-]", "_"));
    }
  }
}
