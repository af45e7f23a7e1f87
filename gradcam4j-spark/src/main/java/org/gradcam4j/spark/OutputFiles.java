package org.gradcam4j.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;

/**
 * Files written next to a job's Parquet output (overlay PNGs), each atomically: on a local disk with
 * {@link AtomicFiles}; on a Hadoop file system as a hidden temporary file renamed into place (atomic on
 * HDFS; object stores copy, but readers never see a part of a file under the final name).
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Writes {@code content} to {@code dir/name} and returns the file's path as a string. */
  static String write(String dir, String name, byte[] content) {
    Path local = localPath(dir);
    if (local != null) {
      Path target = local.resolve(name);
      AtomicFiles.write(target, content);
      return target.toString();
    }
    org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir, name);
    org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(dir, "." + name + "." + UUID.randomUUID() + ".tmp");
    try {
      FileSystem fs = target.getFileSystem(new Configuration());
      try (OutputStream out = fs.create(temp, true)) {
        out.write(content);
      }
      fs.delete(target, false);
      if (!fs.rename(temp, target)) {
        fs.delete(temp, false);
        throw new GradCamException("Cannot move " + temp + " to " + target);
      }
      return target.toString();
    } catch (IOException e) {
      throw new GradCamException("Cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** The folder as a local path, or {@code null} when it is on another file system. */
  static Path localPath(String dir) {
    if (dir.startsWith("file:")) {
      return Path.of(URI.create(dir));
    }
    return dir.contains("://") ? null : Path.of(dir);
  }
}
