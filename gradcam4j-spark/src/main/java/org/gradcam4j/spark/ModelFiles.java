package org.gradcam4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkFiles;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.model.ModelCard;
import org.gradcam4j.model.ResolvedModel;
import org.gradcam4j.onnx.OnnxModel;
import org.gradcam4j.train.DemoModel;

/**
 * Finds a model named by a {@link ModelSource#uri()}: the built-in demo model, a local file, a file
 * shipped with the job, or a file on a Hadoop file system, which is copied to a local temporary folder
 * first (with its model card and external data, which ONNX Runtime reads from beside the model).
 */
final class ModelFiles {
  private ModelFiles() {}

  static ResolvedModel resolve(String uri) {
    if (uri.equals(DemoModel.NAME)) {
      return new ResolvedModel(uri, DemoModel.load(), null, DemoModel.card());
    }
    Path local = localFile(uri);
    return new ResolvedModel(uri, OnnxModel.load(local), local, ModelCard.find(local));
  }

  /** A local copy of the model file (the file itself when it is already local). */
  static Path localFile(String uri) {
    Path plain = plainPath(uri);
    if (plain != null && Files.isRegularFile(plain)) {
      return plain;
    }
    Optional<Path> shipped = shipped(uri);
    if (shipped.isPresent()) {
      return shipped.get();
    }
    return copyFromHadoop(uri);
  }

  private static Path plainPath(String uri) {
    if (uri.startsWith("file:")) {
      return Path.of(URI.create(uri));
    }
    return uri.contains("://") ? null : Path.of(uri);
  }

  /** A file shipped with {@code --files}: Spark puts it in every executor's working folder. */
  private static Optional<Path> shipped(String uri) {
    if (uri.contains("/")) {
      return Optional.empty();
    }
    try {
      Path p = Path.of(SparkFiles.get(uri));
      return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
    } catch (RuntimeException noSparkContext) {
      return Optional.empty();
    }
  }

  private static Path copyFromHadoop(String uri) {
    org.apache.hadoop.fs.Path remote = new org.apache.hadoop.fs.Path(uri);
    try {
      FileSystem fs = remote.getFileSystem(new Configuration());
      if (!fs.isFile(remote)) {
        throw new GradCamException("No model file " + uri + " (neither a local file, a file shipped with"
            + " --files, nor a file on " + fs.getUri() + ")");
      }
      Path dir = Files.createTempDirectory("gradcam4j-model");
      Path local = dir.resolve(remote.getName());
      copy(fs, remote, local);
      // The model card and external weight files sit beside the model.
      org.apache.hadoop.fs.Path parent = remote.getParent();
      String stem = stem(remote.getName());
      for (var status : fs.listStatus(parent)) {
        String name = status.getPath().getName();
        if (status.isFile() && !name.equals(remote.getName()) && name.startsWith(stem + ".")) {
          copy(fs, status.getPath(), dir.resolve(name));
        }
      }
      return local;
    } catch (IOException e) {
      throw new GradCamException("Cannot read the model " + uri + ": " + e.getMessage(), e);
    }
  }

  private static void copy(FileSystem fs, org.apache.hadoop.fs.Path from, Path to) throws IOException {
    try (InputStream in = fs.open(from)) {
      Files.copy(in, to);
    }
  }

  private static String stem(String name) {
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
