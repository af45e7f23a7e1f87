package org.gradcam4j.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.gradcam4j.error.GradCamException;

/**
 * The images under a folder on any Hadoop file system, as a one-column ({@code path}) data set: the
 * tasks read the bytes themselves, so a chunked run ({@link ResumableOutput}) reads each image once.
 */
final class ImageListing {
  private ImageListing() {}

  static final StructType SCHEMA = new StructType().add(ImageInput.PATH, DataTypes.StringType, false);

  static Dataset<Row> paths(SparkSession spark, String folder) {
    Path root = new Path(folder);
    List<Row> rows = new ArrayList<>();
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(root)) {
        throw new GradCamException("Image folder " + folder + " does not exist");
      }
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        LocatedFileStatus f = files.next();
        String name = f.getPath().getName().toLowerCase(Locale.ROOT);
        if (!name.startsWith(".") && (name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg"))) {
          rows.add(RowFactory.create(f.getPath().toString()));
        }
      }
    } catch (IOException e) {
      throw new GradCamException("Cannot list " + folder + ": " + e.getMessage(), e);
    }
    if (rows.isEmpty()) {
      throw new GradCamException("No .png, .jpg or .jpeg images under " + folder);
    }
    return spark.createDataFrame(rows, SCHEMA);
  }
}
