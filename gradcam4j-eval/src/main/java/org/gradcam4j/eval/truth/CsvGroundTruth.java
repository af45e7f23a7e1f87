package org.gradcam4j.eval.truth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Boxes listed in one CSV file, one box per row: {@code file,label,x0,y0,x1,y1}; several rows with the
 * same file give several boxes. Coordinates are the edge coordinates of {@link Box} ({@code x1, y1}
 * exclusive, i.e. the box of pixels 10..19 is {@code 10,..,20,..}).
 *
 * <p>With a header row the columns are found by name ({@code file}, {@code label}, {@code x0},
 * {@code y0}, {@code x1}, {@code y1}, any case, in any order; other columns such as {@code class} are
 * ignored); without one they must come in that order. Fields may be quoted ({@code "a,b.png"}, with
 * {@code ""} for a quote). The {@code file} column is matched against an image's path relative to the
 * CSV's folder, or else against its file name when that name is listed only once.
 */
public final class CsvGroundTruth implements GroundTruthSource {
  private static final List<String> COLUMNS = List.of("file", "label", "x0", "y0", "x1", "y1");

  private final Path folder;
  private final Map<String, List<AnnotatedObject>> byFile;
  private final Map<String, List<String>> byFileName;

  private CsvGroundTruth(Path folder, Map<String, List<AnnotatedObject>> byFile) {
    this.folder = folder;
    this.byFile = byFile;
    this.byFileName = new HashMap<>();
    for (String key : byFile.keySet()) {
      byFileName.computeIfAbsent(fileName(key), k -> new ArrayList<>()).add(key);
    }
  }

  /** Reads {@code csv}. */
  public static CsvGroundTruth read(Path csv) {
    List<String> lines;
    try {
      lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GroundTruthException("ground-truth file " + csv + " does not exist", e);
    } catch (IOException e) {
      throw new GroundTruthException("cannot read ground-truth file " + csv + ": " + e.getMessage(), e);
    }
    Map<String, List<AnnotatedObject>> byFile = new LinkedHashMap<>();
    int[] column = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = i == 0 ? stripBom(lines.get(i)) : lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = csv + " line " + (i + 1);
      List<String> fields = split(line, where);
      if (column == null) {
        column = header(fields, where);
        if (column != null) {
          continue;
        }
        column = new int[] {0, 1, 2, 3, 4, 5};
      }
      row(fields, column, where, byFile);
    }
    Path folder = csv.toAbsolutePath().normalize().getParent();
    return new CsvGroundTruth(folder, byFile);
  }

  @Override
  public Optional<GroundTruth> find(Path image) {
    Path abs = image.toAbsolutePath().normalize();
    if (abs.startsWith(folder)) {
      List<AnnotatedObject> boxes = byFile.get(key(folder.relativize(abs).toString()));
      if (boxes != null) {
        return Optional.of(GroundTruth.ofBoxes(boxes));
      }
    }
    List<String> keys = byFileName.get(image.getFileName().toString());
    if (keys != null && keys.size() == 1) {
      return Optional.of(GroundTruth.ofBoxes(byFile.get(keys.get(0))));
    }
    return Optional.empty();
  }

  /** The file entries as written in the CSV (with {@code /} separators). */
  public Set<String> files() {
    return Collections.unmodifiableSet(byFile.keySet());
  }

  /** The boxes of one entry of {@link #files()}. */
  public List<AnnotatedObject> boxes(String file) {
    return byFile.getOrDefault(key(file), List.of());
  }

  private static int[] header(List<String> fields, String where) {
    List<String> names = fields.stream().map(f -> f.trim().toLowerCase(Locale.ROOT)).toList();
    if (!names.contains("file")) {
      return null;
    }
    int[] column = new int[COLUMNS.size()];
    for (int c = 0; c < COLUMNS.size(); c++) {
      column[c] = names.indexOf(COLUMNS.get(c));
      if (column[c] < 0) {
        throw new GroundTruthException(where + ": the header has no '" + COLUMNS.get(c)
            + "' column; expected columns " + String.join(",", COLUMNS));
      }
    }
    return column;
  }

  private static void row(List<String> fields, int[] column, String where,
      Map<String, List<AnnotatedObject>> byFile) {
    double[] c = new double[4];
    for (int k = 0; k < 6; k++) {
      if (column[k] >= fields.size()) {
        throw new GroundTruthException(where + ": expected a '" + COLUMNS.get(k) + "' field, the row has only "
            + fields.size() + " fields");
      }
    }
    String file = fields.get(column[0]).trim();
    if (file.isEmpty()) {
      throw new GroundTruthException(where + ": empty file name");
    }
    for (int k = 0; k < 4; k++) {
      String t = fields.get(column[k + 2]).trim();
      try {
        c[k] = Double.parseDouble(t);
      } catch (NumberFormatException e) {
        throw new GroundTruthException(where + ": " + COLUMNS.get(k + 2) + " is '" + t + "', not a number", e);
      }
      if (!Double.isFinite(c[k])) {
        throw new GroundTruthException(where + ": " + COLUMNS.get(k + 2) + " is not finite");
      }
    }
    if (c[2] < c[0] || c[3] < c[1]) {
      throw new GroundTruthException(where + ": box has x1 < x0 or y1 < y0 (x1 and y1 are the exclusive"
          + " far edges)");
    }
    byFile.computeIfAbsent(key(file), k -> new ArrayList<>())
        .add(new AnnotatedObject(fields.get(column[1]).trim(), new Box(c[0], c[1], c[2], c[3])));
  }

  /** Splits one CSV line (RFC 4180 quoting, no line breaks inside fields). */
  static List<String> split(String line, String where) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"') {
          if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      throw new GroundTruthException(where + ": unterminated quoted field");
    }
    out.add(field.toString());
    return out;
  }

  private static String key(String file) {
    String k = file.replace('\\', '/');
    while (k.startsWith("./")) {
      k = k.substring(2);
    }
    return k;
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }
}
