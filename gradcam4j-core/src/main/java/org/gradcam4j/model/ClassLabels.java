package org.gradcam4j.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.gradcam4j.error.GradCamException;

/**
 * Reads a class-label file: one class per line, the class index being the line number (0-based).
 * Two forms are recognised:
 *
 * <ul>
 *   <li>plain text: the whole line (trimmed) is the label, e.g. {@code tench};
 *   <li>synset lines as in the ONNX model zoo's {@code synset.txt}: a WordNet id, a space, then the
 *       names separated by commas, e.g. {@code n01440764 tench, Tinca tinca}; the label is the
 *       first name ({@code tench}).
 * </ul>
 *
 * <p>A file is read as synsets when every line starts with a WordNet id, so that a plain list that
 * happens to contain one odd line keeps its lines intact. Blank lines at the end are ignored; a
 * blank line in the middle is an error, because skipping it would shift every later index.
 */
public final class ClassLabels {
  private static final Pattern SYNSET_LINE = Pattern.compile("n\\d{8}\\s+\\S.*");
  private static final Pattern SYNSET_ID = Pattern.compile("n\\d{8}\\s+");

  private ClassLabels() {}

  /** The labels of a UTF-8 text file. */
  public static List<String> load(Path file) {
    String text;
    try {
      // Malformed UTF-8 is replaced rather than rejected: a label with one odd character is still usable.
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new GradCamException("Label file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new GradCamException("Cannot read label file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /**
   * The labels in {@code text}; {@code origin} names the source in error messages.
   *
   * @throws GradCamException when the text holds no label or has a blank line between labels
   */
  public static List<String> parse(String text, String origin) {
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte-order mark written by some Windows editors
    }
    List<String> lines = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
    while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
      lines.remove(lines.size() - 1);
    }
    if (lines.isEmpty()) {
      throw new GradCamException("Label file " + origin + " contains no labels");
    }
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        throw new GradCamException("Label file " + origin + " has a blank line at line " + (i + 1)
            + "; every line is one class (index = line number - 1), so remove the line or give the class a name");
      }
    }
    boolean synsets = lines.stream().allMatch(l -> SYNSET_LINE.matcher(l.strip()).matches());
    List<String> labels = new ArrayList<>(lines.size());
    for (String line : lines) {
      labels.add(synsets ? firstSynsetName(line.strip()) : line.strip());
    }
    return List.copyOf(labels);
  }

  /** True when {@code line} looks like {@code n01440764 tench, Tinca tinca}. */
  public static boolean isSynsetLine(String line) {
    return SYNSET_LINE.matcher(line.strip()).matches();
  }

  private static String firstSynsetName(String line) {
    String names = SYNSET_ID.matcher(line).replaceFirst("");
    int comma = names.indexOf(',');
    return (comma < 0 ? names : names.substring(0, comma)).strip();
  }
}
