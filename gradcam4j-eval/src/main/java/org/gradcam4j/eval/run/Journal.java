package org.gradcam4j.eval.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.gradcam4j.error.GradCamException;

/**
 * The evaluation's memory across runs: a JSON-lines file whose first line holds the settings and
 * every further line one finished image ({@link ImageRecord}). Each line is written with a single
 * write and flushed to disk with its batch, so an interrupted run leaves at most one torn last line;
 * that line is dropped when the journal is opened again and its image is simply redone.
 *
 * <p>The file is locked while open, so two evaluations cannot write to the same folder at once.
 */
final class Journal implements AutoCloseable {
  static final String FORMAT = "gradcam4j-evaluation-journal";
  static final int VERSION = 1;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final ObjectMapper mapper = new ObjectMapper();
  private final List<ImageRecord> records = new ArrayList<>();
  private int droppedTornLines;

  private Journal(Path file, FileChannel channel, FileLock lock) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Opens (or creates) the journal; with {@code restart} its content is discarded first.
   *
   * @throws GradCamException when the journal holds other settings, is damaged before its last line,
   *     or is in use by another evaluation
   */
  static Journal open(Path file, ObjectNode settings, boolean restart) {
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new GradCamException("Cannot open the evaluation journal " + file + ": " + e.getMessage(), e);
    }
    FileLock lock = null;
    try {
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        throw new GradCamException("Another evaluation is writing to " + file
            + "; wait for it to finish or use another output folder");
      }
      Journal journal = new Journal(file, channel, lock);
      if (restart) {
        channel.truncate(0);
      }
      journal.load(settings);
      return journal;
    } catch (IOException e) {
      closeQuietly(channel, lock);
      throw new GradCamException("Cannot read the evaluation journal " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(channel, lock);
      throw e;
    }
  }

  private void load(ObjectNode settings) throws IOException {
    long size = channel.size();
    if (size > Integer.MAX_VALUE - 16) {
      throw new GradCamException("The evaluation journal " + file + " is larger than 2 GB");
    }
    ByteBuffer all = ByteBuffer.allocate((int) size);
    channel.read(all, 0);
    byte[] bytes = all.array();
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        lines.add(new int[] {start, i});
        start = i + 1;
      }
    }
    // Bytes after the last newline are a torn line: the run that wrote it stopped mid-write.
    droppedTornLines = start < bytes.length ? 1 : 0;
    long validEnd = start;
    JsonNode header = lines.isEmpty() ? null : parse(bytes, lines.get(0));
    if (header == null) {
      // No complete header: nothing was recorded yet.
      channel.truncate(0);
      writeLine(headerLine(settings));
      channel.force(false);
      return;
    }
    if (!FORMAT.equals(header.path("format").asText()) || !header.path("settings").isObject()) {
      throw new GradCamException(file + " is not an evaluation journal; use another output folder, or restart"
          + " to overwrite it");
    }
    if (header.path("version").asInt() != VERSION) {
      throw new GradCamException(file + " is a version " + header.path("version").asInt()
          + " journal, this gradcam4j writes version " + VERSION + "; use another output folder, or restart");
    }
    String difference = difference((ObjectNode) header.get("settings"), settings);
    if (difference != null) {
      throw new GradCamException("The evaluation in " + file.getParent() + " was run with other settings ("
          + difference + "). Use a fresh output folder (--out), or restart (--restart) to discard its results");
    }
    for (int k = 1; k < lines.size(); k++) {
      int[] line = lines.get(k);
      JsonNode node = parse(bytes, line);
      ImageRecord record = null;
      if (node != null) {
        try {
          record = ImageRecord.fromJson(node);
        } catch (IllegalArgumentException e) {
          record = null;
        }
      }
      if (record == null) {
        if (k == lines.size() - 1) {
          // A damaged last line is also a torn write: drop it and redo its image.
          droppedTornLines++;
          validEnd = line[0];
          break;
        }
        throw new GradCamException("Line " + (k + 1) + " of the evaluation journal " + file + " is damaged;"
            + " delete that line to redo its image, or restart (--restart) to start over");
      }
      records.add(record);
    }
    if (validEnd < size) {
      channel.truncate(validEnd);
    }
    channel.position(validEnd);
  }

  private JsonNode parse(byte[] bytes, int[] line) {
    try {
      return mapper.readTree(new String(bytes, line[0], line[1] - line[0], StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private byte[] headerLine(ObjectNode settings) throws JsonProcessingException {
    ObjectNode header = mapper.createObjectNode();
    header.put("format", FORMAT);
    header.put("version", VERSION);
    header.set("settings", settings);
    return mapper.writeValueAsBytes(header);
  }

  /** The first differing setting as {@code "name: old -> new"}, or {@code null} when equal. */
  static String difference(ObjectNode recorded, ObjectNode current) {
    Set<String> keys = new LinkedHashSet<>();
    recorded.fieldNames().forEachRemaining(keys::add);
    current.fieldNames().forEachRemaining(keys::add);
    List<String> diffs = new ArrayList<>();
    for (String k : keys) {
      JsonNode a = recorded.get(k);
      JsonNode b = current.get(k);
      if (a == null ? b != null : !a.equals(b)) {
        diffs.add(k + ": " + shorten(a) + " -> " + shorten(b));
      }
    }
    if (diffs.isEmpty()) {
      return null;
    }
    String shown = String.join("; ", diffs.subList(0, Math.min(3, diffs.size())));
    return diffs.size() > 3 ? shown + "; and " + (diffs.size() - 3) + " more" : shown;
  }

  private static String shorten(JsonNode n) {
    String s = n == null ? "(none)" : n.isTextual() ? n.asText() : n.toString();
    return s.length() > 120 ? s.substring(0, 117) + "..." : s;
  }

  /** The images recorded so far, in the order they were written. */
  List<ImageRecord> records() {
    return Collections.unmodifiableList(records);
  }

  /** The ids of the images recorded so far. */
  Set<String> done() {
    Set<String> ids = new LinkedHashSet<>();
    for (ImageRecord r : records) {
      ids.add(r.image());
    }
    return ids;
  }

  /** How many torn lines were dropped when the journal was opened (0 or 1, rarely 2). */
  int droppedTornLines() {
    return droppedTornLines;
  }

  /** Appends records, one line each, and flushes them to disk. */
  void append(List<ImageRecord> batch) {
    try {
      for (ImageRecord r : batch) {
        writeLine(mapper.writeValueAsBytes(r.toJson()));
        records.add(r);
      }
      channel.force(false);
    } catch (IOException e) {
      throw new GradCamException("Cannot write the evaluation journal " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeLine(byte[] json) throws IOException {
    ByteBuffer line = ByteBuffer.allocate(json.length + 1);
    line.put(json).put((byte) '\n').flip();
    while (line.hasRemaining()) {
      channel.write(line);
    }
  }

  @Override
  public void close() {
    closeQuietly(channel, lock);
  }

  private static void closeQuietly(FileChannel channel, FileLock lock) {
    try {
      if (lock != null && lock.isValid()) {
        lock.release();
      }
      channel.close();
    } catch (IOException e) {
      // nothing more can be done about a journal that cannot be closed; its lines are on disk
    }
  }
}
