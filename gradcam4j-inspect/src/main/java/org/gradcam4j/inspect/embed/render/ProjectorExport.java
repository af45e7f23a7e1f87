package org.gradcam4j.inspect.embed.render;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.embed.Embeddings;
import org.gradcam4j.io.AtomicFiles;

/**
 * Files the TensorBoard embedding projector loads (projector.tensorflow.org, "Load" or a
 * {@code projector_config.pbtxt} in a log folder): {@code tensors.tsv} (one vector per line),
 * {@code metadata.tsv} (a header {@code file\tlabel}, then one line per vector), {@code sprite.png} and
 * {@code projector_config.pbtxt} naming them.
 */
public final class ProjectorExport {
  private ProjectorExport() {}

  /** Writes the four files into {@code dir}; {@code thumbnails} may be empty (then no sprite). */
  public static void write(Path dir, Embeddings e, List<String> names, List<RgbImage> thumbnails, int wantedCell) {
    StringBuilder t = new StringBuilder(e.size() * e.dimensions() * 10);
    for (float[] v : e.vectors()) {
      for (int j = 0; j < v.length; j++) {
        if (j > 0) {
          t.append('\t');
        }
        t.append(Float.toString(v[j]));
      }
      t.append('\n');
    }
    AtomicFiles.writeString(dir.resolve("tensors.tsv"), t.toString());
    StringBuilder m = new StringBuilder("file\tlabel\n");
    for (int i = 0; i < e.size(); i++) {
      m.append(tsv(names.get(i))).append('\t').append(tsv(e.labels().get(i))).append('\n');
    }
    AtomicFiles.writeString(dir.resolve("metadata.tsv"), m.toString());
    StringBuilder cfg = new StringBuilder("embeddings {\n  tensor_name: \"").append(pbtxt(e.layer()))
        .append("\"\n  tensor_shape: ").append(e.size()).append("\n  tensor_shape: ").append(e.dimensions())
        .append("\n  tensor_path: \"tensors.tsv\"\n  metadata_path: \"metadata.tsv\"\n");
    if (!thumbnails.isEmpty()) {
      int cell = Pictures.spriteCell(e.size(), wantedCell);
      PngWriter.write(dir.resolve("sprite.png"), Pictures.sprite(thumbnails, cell));
      cfg.append(String.format(Locale.ROOT,
          "  sprite {\n    image_path: \"sprite.png\"\n    single_image_dim: %d\n    single_image_dim: %d\n  }\n",
          cell, cell));
    }
    cfg.append("}\n");
    AtomicFiles.writeString(dir.resolve("projector_config.pbtxt"), cfg.toString());
  }

  private static String tsv(String s) {
    return s.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
  }

  private static String pbtxt(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
