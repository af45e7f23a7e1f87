package org.gradcam4j.inspect.embed.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.embed.Embeddings;
import org.gradcam4j.inspect.embed.Metric;
import org.gradcam4j.inspect.embed.map.MapMethod;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;

/**
 * Writes what {@code embed} produces into one folder, each file atomically: features and index, a
 * 2-D map (coordinates, scatter, image plot, hover page), query neighbours (PNG and HTML) and the
 * TensorBoard projector files.
 */
public final class EmbeddingOutputs {
  /** Side of the thumbnails in the projector's sprite sheet. */
  public static final int SPRITE_CELL = 48;
  /** Side of the thumbnails inlined in the hover page (smaller: the page carries them all). */
  public static final int HOVER_CELL = 32;

  private final Path dir;
  private final Embeddings embeddings;
  private final List<RgbImage> thumbnails;
  private final List<String> names;

  /** @param base the image folder; file names are written relative to it */
  public EmbeddingOutputs(Path dir, Embeddings embeddings, List<RgbImage> thumbnails, Path base) {
    this.dir = dir;
    this.embeddings = embeddings;
    this.thumbnails = thumbnails;
    List<String> n = new ArrayList<>();
    for (Path f : embeddings.files()) {
      n.add(Embeddings.displayName(f, base));
    }
    this.names = List.copyOf(n);
  }

  /** The file names as written (relative to the image folder). */
  public List<String> names() {
    return names;
  }

  /** {@code features.npy} and {@code index.csv}. */
  public void writeFeatures(Path base) {
    AtomicFiles.ensureWritableDirectory(dir);
    embeddings.write(dir, base);
  }

  /**
   * {@code map-<method>.npy} ([N, 2] coordinates), {@code map-<method>.png} (scatter by label),
   * {@code map-<method>-images.png} (the images at their positions) and {@code map-<method>.html}
   * (hover a point to see its image). Returns the written files.
   */
  public List<Path> writeMap(MapMethod method, double[][] xy) {
    String stem = "map-" + method.name().toLowerCase(java.util.Locale.ROOT);
    int n = xy.length;
    float[] flat = new float[2 * n];
    for (int i = 0; i < n; i++) {
      flat[2 * i] = (float) xy[i][0];
      flat[2 * i + 1] = (float) xy[i][1];
    }
    List<Path> written = new ArrayList<>();
    Path npy = dir.resolve(stem + ".npy");
    Npy.write(npy, new long[] {n, 2}, flat);
    written.add(npy);
    String title = method.label() + " of " + embeddings.layer() + " (" + n + " images)";
    List<String> labelNames = embeddings.distinctLabels();
    int[] ids = embeddings.labelIds();
    Path png = dir.resolve(stem + ".png");
    PngWriter.write(png, Pictures.scatter(xy, ids, labelNames, 800, title));
    written.add(png);
    if (!thumbnails.isEmpty()) {
      int side = 1600;
      int thumb = (int) Math.max(12, Math.min(48, side / Math.sqrt(n) * 0.8));
      Path images = dir.resolve(stem + "-images.png");
      PngWriter.write(images, Pictures.imagePlot(xy, thumbnails, side, thumb));
      written.add(images);
      int cell = Pictures.spriteCell(n, HOVER_CELL);
      Path html = dir.resolve(stem + ".html");
      AtomicFiles.writeString(html, Pages.hoverMap(title, xy, ids, labelNames, names,
          Pictures.sprite(thumbnails, cell), cell));
      written.add(html);
    }
    return written;
  }

  /** {@code neighbours.png} and {@code neighbours.html}: each query, then its neighbours nearest first. */
  public List<Path> writeNeighbours(List<Pages.QueryRow> rows, Metric metric, String indexKind) {
    Path png = dir.resolve("neighbours.png");
    PngWriter.write(png, Pages.neighbourGrid(rows, thumbnails, 96));
    Path html = dir.resolve("neighbours.html");
    AtomicFiles.writeString(html, Pages.neighbours("Nearest neighbours in " + embeddings.layer()
        + " (" + indexKind + " search)", metric.label(), rows, names, embeddings.labels(), thumbnails));
    return List.of(png, html);
  }

  /** {@code projector/}: tensors.tsv, metadata.tsv, sprite.png, projector_config.pbtxt. */
  public Path writeProjector() {
    Path p = dir.resolve("projector");
    ProjectorExport.write(p, embeddings, names, thumbnails, SPRITE_CELL);
    return p;
  }
}
