package org.gradcam4j.zoo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.gradcam4j.io.AtomicFiles;

/**
 * Remembers that a cache file was verified, so that later runs do not hash hundreds of megabytes
 * again. Kept as {@code <file>.verified}, a few {@code key=value} lines: the file's name, size,
 * modification time and SHA-256, and the catalogue checksum it was checked against (the same
 * SHA-256 for a downloaded file; the archive's for a model taken out of an archive).
 *
 * <p>A record only counts while the file keeps the recorded size and modification time, so a file
 * replaced by hand is verified again.
 */
record VerificationRecord(String fileName, long size, long modifiedMillis, String sha256, String verifiedAgainst) {
  private static final String SUFFIX = ".verified";

  static Path pathFor(Path file) {
    return file.resolveSibling(file.getFileName() + SUFFIX);
  }

  /** A record for {@code file} as it is now. */
  static VerificationRecord of(Path file, String sha256, String verifiedAgainst) throws IOException {
    return new VerificationRecord(file.getFileName().toString(), Files.size(file),
        Files.getLastModifiedTime(file).toMillis(), sha256, verifiedAgainst);
  }

  /** Writes the record next to {@code file} (atomically). */
  void writeFor(Path file) {
    String text = "# gradcam4j: " + fileName + " was verified; this record saves hashing it again\n"
        + "file=" + fileName + "\n"
        + "size=" + size + "\n"
        + "modified=" + modifiedMillis + "\n"
        + "sha256=" + sha256 + "\n"
        + "verifiedAgainst=" + verifiedAgainst + "\n";
    AtomicFiles.write(pathFor(file), text.getBytes(StandardCharsets.UTF_8));
  }

  /** The record of {@code file}, if one exists and can be read. */
  static Optional<VerificationRecord> readFor(Path file) {
    Path path = pathFor(file);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      Map<String, String> values = new HashMap<>();
      for (String line : Files.readAllLines(path, StandardCharsets.UTF_8)) {
        int eq = line.indexOf('=');
        if (!line.startsWith("#") && eq > 0) {
          values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
      }
      return Optional.of(new VerificationRecord(values.get("file"), Long.parseLong(values.get("size")),
          Long.parseLong(values.get("modified")), values.get("sha256"), values.get("verifiedAgainst")));
    } catch (IOException | RuntimeException e) {
      return Optional.empty(); // an unreadable record only costs one more verification
    }
  }

  /** True when {@code file} is, as far as size and time tell, the file this record verified against {@code expected}. */
  boolean vouchesFor(Path file, String expected) {
    try {
      return Files.isRegularFile(file)
          && file.getFileName().toString().equals(fileName)
          && expected.equals(verifiedAgainst)
          && Files.size(file) == size
          && Files.getLastModifiedTime(file).toMillis() == modifiedMillis;
    } catch (IOException e) {
      return false;
    }
  }

  static void delete(Path file) throws IOException {
    Files.deleteIfExists(pathFor(file));
  }
}
