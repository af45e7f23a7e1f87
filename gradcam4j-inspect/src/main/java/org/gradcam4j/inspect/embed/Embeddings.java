package org.gradcam4j.inspect.embed;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.Npy;

/**
 * Feature vectors of a set of images: one row per image, with its file and label, and the tensor the
 * features come from. Written as {@code features.npy} ([N, D] float32) and {@code index.csv}
 * ({@code row,file,label}).
 */
public record Embeddings(List<Path> files, List<String> labels, float[][] vectors, String layer) {
  public Embeddings {
    files = List.copyOf(files);
    labels = List.copyOf(labels);
    if (files.size() != vectors.length || labels.size() != vectors.length) {
      throw new IllegalArgumentException(files.size() + " files, " + labels.size() + " labels and "
          + vectors.length + " vectors");
    }
  }

  public int size() {
    return vectors.length;
  }

  public int dimensions() {
    return vectors.length == 0 ? 0 : vectors[0].length;
  }

  /** Distinct labels in order of first appearance. */
  public List<String> distinctLabels() {
    return labels.stream().distinct().toList();
  }

  /** Label numbers (indices into {@link #distinctLabels()}), per row. */
  public int[] labelIds() {
    List<String> distinct = distinctLabels();
    int[] ids = new int[labels.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = distinct.indexOf(labels.get(i));
    }
    return ids;
  }

  /** Writes {@code features.npy} and {@code index.csv} into {@code dir}; {@code base} relativises file names. */
  public void write(Path dir, Path base) {
    int n = size();
    int d = dimensions();
    float[] flat = new float[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(vectors[i], 0, flat, i * d, d);
    }
    Npy.write(dir.resolve("features.npy"), new long[] {n, d}, flat);
    StringBuilder csv = new StringBuilder("row,file,label\n");
    for (int i = 0; i < n; i++) {
      csv.append(i).append(',').append(csvField(displayName(files.get(i), base))).append(',')
          .append(csvField(labels.get(i))).append('\n');
    }
    AtomicFiles.writeString(dir.resolve("index.csv"), csv.toString());
  }

  /** The file relative to {@code base} when it lies below it, with forward slashes. */
  public static String displayName(Path file, Path base) {
    Path p = base != null && file.toAbsolutePath().normalize().startsWith(base.toAbsolutePath().normalize())
        ? base.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()) : file;
    return p.toString().replace('\\', '/');
  }

  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  /**
   * Reads a labels file: CSV or TSV lines {@code file,label} (a header line {@code file,label} is
   * skipped); a file is matched by its path relative to the image folder or by its bare name.
   */
  public static java.util.Map<String, String> readLabels(Path labelsFile) {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(labelsFile, StandardCharsets.UTF_8)) {
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || (no == 1 && line.toLowerCase(java.util.Locale.ROOT).startsWith("file"))) {
          continue;
        }
        int cut = line.indexOf('\t') >= 0 ? line.indexOf('\t') : line.lastIndexOf(',');
        if (cut < 0) {
          throw new GradCamException(labelsFile + " line " + no + ": expected 'file,label', got '" + line + "'");
        }
        map.put(line.substring(0, cut).trim().replace('\\', '/'), line.substring(cut + 1).trim());
      }
    } catch (IOException e) {
      throw new GradCamException("Cannot read labels file " + labelsFile + ": " + e.getMessage(), e);
    }
    return map;
  }

  /** Every image below {@code dir} (sub-folders included), in path order. */
  public static List<Path> listImages(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new GradCamException("Image folder " + dir + " does not exist or is not a folder");
    }
    List<Path> files = new ArrayList<>();
    try (var s = Files.walk(dir)) {
      s.filter(p -> Files.isRegularFile(p) && isImageName(p)).sorted().forEach(files::add);
    } catch (IOException e) {
      throw new GradCamException("Cannot list image folder " + dir + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw new GradCamException("No .png, .jpg or .jpeg images in " + dir + " or its sub-folders");
    }
    return files;
  }

  private static boolean isImageName(Path p) {
    String n = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg");
  }
}
