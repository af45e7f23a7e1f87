package org.gradcam4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongFunction;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.eval.truth.Mask;
import org.gradcam4j.image.ImageDecoder;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;

/**
 * A folder of labelled images on disk, written by {@link #export} or {@link #write} and read back by
 * {@link #open}. Layout:
 * <pre>
 *   ground_truth.csv        one row per target object (an image with two targets has two rows)
 *   classes.txt             class names, one per line, line i = label i
 *   000000.png              the images, 8-bit RGB
 *   000000.mask.png         1-bit mask of the image's only target (white = target)
 *   000001.0.mask.png ...   masks of images with several targets, one per object
 * </pre>
 * {@code ground_truth.csv} starts with the header {@value #CSV_HEADER}; {@code file} and
 * {@code mask} are file names in the folder, {@code label} the class index, {@code class} its name and
 * {@code x0,y0,x1,y1} the bounding box in whole pixels, lower corner inclusive, upper corner exclusive
 * (see {@link Box}). Rows of one image keep the order of its objects. The CSV is written last, so a
 * folder with a CSV is complete.
 */
public final class GroundTruthFolder {
  /** Name of the ground-truth table in the folder. */
  public static final String CSV_FILE = "ground_truth.csv";
  /** Name of the class list in the folder. */
  public static final String CLASSES_FILE = "classes.txt";
  /** First line of the ground-truth table. */
  public static final String CSV_HEADER = "file,label,class,x0,y0,x1,y1,mask";

  /** One object of an image as listed in the CSV: class, box and the name of its mask file. */
  public record Annotation(int label, String className, Box box, String maskFile) {}

  /** One image of the folder and the objects in it, without the pixels (see {@link #load}). */
  public record Entry(String imageFile, List<Annotation> annotations) {
    public Entry {
      annotations = List.copyOf(annotations);
    }
  }

  private final Path directory;
  private final List<String> classNames;
  private final List<Entry> entries;

  private GroundTruthFolder(Path directory, List<String> classNames, List<Entry> entries) {
    this.directory = directory;
    this.classNames = List.copyOf(classNames);
    this.entries = Collections.unmodifiableList(new ArrayList<>(entries));
  }

  /**
   * Writes {@code count} images of {@code dataset}, indices {@code first} on, as single-target
   * samples or (with {@code pairs}) as pair samples. Files are named after the sample index
   * ({@code 000123.png} holds sample 123).
   */
  public static GroundTruthFolder export(SyntheticDataset dataset, Path directory, long first, int count,
      boolean pairs) {
    if (first < 0 || count < 0) {
      throw new IllegalArgumentException("need first >= 0 and count >= 0, got " + first + " and " + count);
    }
    LongFunction<LabelledImage> source = pairs ? dataset::pairSample : dataset::sample;
    return write(directory, dataset.classNames(), first, count, source);
  }

  /** Writes {@code images} with the given class names; files are numbered from 000000. */
  public static GroundTruthFolder write(Path directory, List<String> classNames, List<LabelledImage> images) {
    return write(directory, classNames, 0, images.size(), i -> images.get((int) i));
  }

  private static GroundTruthFolder write(Path directory, List<String> classNames, long first, int count,
      LongFunction<LabelledImage> source) {
    AtomicFiles.ensureWritableDirectory(directory);
    int digits = Math.max(6, Long.toString(first + Math.max(count, 1) - 1).length());
    StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
    List<Entry> entries = new ArrayList<>(count);
    for (long index = first; index < first + count; index++) {
      LabelledImage image = source.apply(index);
      String stem = String.format(Locale.ROOT, "%0" + digits + "d", index);
      String imageFile = stem + ".png";
      PngWriter.write(directory.resolve(imageFile), image.image());
      List<Annotation> annotations = new ArrayList<>();
      List<AnnotatedObject> objects = image.objects();
      for (int k = 0; k < objects.size(); k++) {
        AnnotatedObject o = objects.get(k);
        requireKnownClass(classNames, o);
        String maskFile = objects.size() == 1 ? stem + ".mask.png" : stem + "." + k + ".mask.png";
        PngFiles.writeMask(directory.resolve(maskFile), o.mask().orElseThrow());
        Box b = o.box();
        csv.append(imageFile).append(',').append(o.classIndex()).append(',').append(o.label()).append(',')
            .append(wholePixels(b.x0(), o)).append(',').append(wholePixels(b.y0(), o)).append(',')
            .append(wholePixels(b.x1(), o)).append(',').append(wholePixels(b.y1(), o))
            .append(',').append(maskFile).append('\n');
        annotations.add(new Annotation(o.classIndex(), o.label(), b, maskFile));
      }
      entries.add(new Entry(imageFile, annotations));
    }
    AtomicFiles.writeString(directory.resolve(CLASSES_FILE), String.join("\n", classNames) + "\n");
    // Last: a folder with a CSV is a complete one.
    AtomicFiles.writeString(directory.resolve(CSV_FILE), csv.toString());
    return new GroundTruthFolder(directory, classNames, entries);
  }

  private static void requireKnownClass(List<String> classNames, AnnotatedObject o) {
    if (o.classIndex() >= classNames.size() || !classNames.get(o.classIndex()).equals(o.label())) {
      throw new IllegalArgumentException("object '" + o.label() + "' has label " + o.classIndex()
          + ", which does not match the class names " + classNames);
    }
    if (o.label().isEmpty() || o.label().contains(",") || o.label().contains("\n")) {
      throw new IllegalArgumentException("class name '" + o.label() + "' cannot be stored in the CSV");
    }
  }

  /** A box edge as the CSV stores it: a whole pixel (the benchmark's boxes lie on pixel edges). */
  private static int wholePixels(double edge, AnnotatedObject o) {
    if (edge != Math.rint(edge)) {
      throw new IllegalArgumentException("box " + o.box() + " of '" + o.label() + "' does not lie on pixel"
          + " edges; " + CSV_FILE + " stores whole pixels");
    }
    return (int) edge;
  }

  /**
   * Reads the CSV (and {@code classes.txt} when present) of a folder and checks that it is consistent
   * and that every file it names exists; pixels are read later, by {@link #load}.
   */
  public static GroundTruthFolder open(Path directory) {
    Path csvPath = directory.resolve(CSV_FILE);
    List<String> lines = readLines(csvPath, directory);
    if (lines.isEmpty() || !lines.get(0).strip().equals(CSV_HEADER)) {
      throw new GradCamException(csvPath + ": the first line must be the header '" + CSV_HEADER + "'"
          + (lines.isEmpty() ? " but the file is empty" : ", found '" + lines.get(0) + "'"));
    }
    Map<String, List<Annotation>> byImage = new LinkedHashMap<>();
    TreeMap<Integer, String> namesByLabel = new TreeMap<>();
    for (int n = 1; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty()) {
        continue;
      }
      String where = csvPath + " line " + (n + 1);
      String[] f = line.split(",", -1);
      if (f.length != 8) {
        throw new GradCamException(where + ": expected 8 comma-separated values (" + CSV_HEADER + "), found "
            + f.length);
      }
      int label = parseInt(f[1], "label", where);
      if (label < 0) {
        throw new GradCamException(where + ": label must not be negative, got " + label);
      }
      String name = f[2];
      String known = namesByLabel.putIfAbsent(label, name);
      if (known != null && !known.equals(name)) {
        throw new GradCamException(where + ": label " + label + " is '" + name + "' here but '" + known
            + "' on an earlier line");
      }
      int x0 = parseInt(f[3], "x0", where);
      int y0 = parseInt(f[4], "y0", where);
      int x1 = parseInt(f[5], "x1", where);
      int y1 = parseInt(f[6], "y1", where);
      if (x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
        throw new GradCamException(where + ": box (" + x0 + ", " + y0 + ", " + x1 + ", " + y1
            + ") is not a box; need 0 <= x0 < x1 and 0 <= y0 < y1 (upper corner exclusive)");
      }
      requireFile(directory, f[0], where);
      requireFile(directory, f[7], where);
      byImage.computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(new Annotation(label, name, new Box(x0, y0, x1, y1), f[7]));
    }
    List<String> classNames = classNames(directory, namesByLabel);
    List<Entry> entries = new ArrayList<>();
    byImage.forEach((file, annotations) -> entries.add(new Entry(file, annotations)));
    return new GroundTruthFolder(directory, classNames, entries);
  }

  private static List<String> classNames(Path directory, TreeMap<Integer, String> namesByLabel) {
    Path classesPath = directory.resolve(CLASSES_FILE);
    if (Files.isRegularFile(classesPath)) {
      List<String> names = new ArrayList<>();
      for (String line : readLines(classesPath, directory)) {
        if (!line.isBlank()) {
          names.add(line.strip());
        }
      }
      namesByLabel.forEach((label, name) -> {
        if (label >= names.size() || !names.get(label).equals(name)) {
          throw new GradCamException(CSV_FILE + " in " + directory + " calls label " + label + " '" + name
              + "' but " + classesPath + " lists " + names);
        }
      });
      return names;
    }
    // Without classes.txt the names come from the rows; labels that never occur get a placeholder.
    int count = namesByLabel.isEmpty() ? 0 : namesByLabel.lastKey() + 1;
    List<String> names = new ArrayList<>();
    for (int label = 0; label < count; label++) {
      names.add(namesByLabel.getOrDefault(label, "class" + label));
    }
    return names;
  }

  /** The folder that was written or opened. */
  public Path directory() {
    return directory;
  }

  /** Class names by label. */
  public List<String> classNames() {
    return classNames;
  }

  /** The images in CSV order. */
  public List<Entry> entries() {
    return entries;
  }

  /** Number of images. */
  public int size() {
    return entries.size();
  }

  /** Reads image {@code index} and its masks. */
  public LabelledImage load(int index) {
    return load(entries.get(index));
  }

  /** Reads the image and masks of {@code entry}, checking that masks and boxes fit the image. */
  public LabelledImage load(Entry entry) {
    Path imagePath = directory.resolve(entry.imageFile());
    RgbImage image = ImageDecoder.read(imagePath);
    List<AnnotatedObject> objects = new ArrayList<>();
    for (Annotation a : entry.annotations()) {
      Path maskPath = directory.resolve(a.maskFile());
      Mask mask = PngFiles.readMask(maskPath);
      if (mask.width() != image.width() || mask.height() != image.height()) {
        throw new GradCamException(maskPath + " is " + mask.width() + "x" + mask.height() + " but its image "
            + imagePath + " is " + image.width() + "x" + image.height());
      }
      if (!a.box().fitsIn(image.width(), image.height())) {
        throw new GradCamException(CSV_FILE + " in " + directory + ": box " + a.box() + " of " + entry.imageFile()
            + " leaves the " + image.width() + "x" + image.height() + " image");
      }
      objects.add(new AnnotatedObject(a.className(), a.label(), a.box(), mask));
    }
    return new LabelledImage(image, objects);
  }

  /** Reads every image; for large folders prefer {@link #load(int)} one at a time. */
  public List<LabelledImage> loadAll() {
    List<LabelledImage> all = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      all.add(load(e));
    }
    return all;
  }

  private static List<String> readLines(Path file, Path directory) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GradCamException("No " + file.getFileName() + " in " + directory
          + ": not a labelled image folder (or not completely written)", e);
    } catch (IOException e) {
      throw new GradCamException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static int parseInt(String text, String column, String where) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new GradCamException(where + ": " + column + " must be an integer, got '" + text + "'", e);
    }
  }

  private static void requireFile(Path directory, String name, String where) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\")) {
      throw new GradCamException(where + ": '" + name + "' must be a plain file name in the folder");
    }
    if (!Files.isRegularFile(directory.resolve(name))) {
      throw new GradCamException(where + ": " + directory.resolve(name) + " does not exist");
    }
  }
}
