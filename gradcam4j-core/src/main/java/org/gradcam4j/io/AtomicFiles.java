package org.gradcam4j.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.gradcam4j.error.GradCamException;

/**
 * Writes files so that readers never see a half-written one: the content goes to a temporary file in
 * the same folder, which is renamed over the target only when it is complete. On any failure the
 * temporary file is removed and the target is left as it was.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes content produced by {@code writer}. */
  public interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  public static void write(Path target, Writer writer) {
    Path dir = target.toAbsolutePath().getParent();
    Path tmp = null;
    try {
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
      try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
        writer.writeTo(out);
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      tmp = null;
    } catch (AccessDeniedException e) {
      throw new GradCamException("Cannot write " + target + ": permission denied (" + e.getFile() + ")", e);
    } catch (NoSuchFileException e) {
      throw new GradCamException("Cannot write " + target + ": no such folder (" + e.getFile() + ")", e);
    } catch (java.nio.file.FileSystemException e) {
      throw new GradCamException("Cannot write " + target + ": " + e.getReason() + " (" + e.getFile() + ")", e);
    } catch (IOException e) {
      throw new GradCamException("Cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // best effort: the original error is the one worth reporting
        }
      }
    }
  }

  /**
   * A temporary file is created owner-only (0600); results are meant to be shared like any file a
   * program writes, so they get rw-r--r-- where the file system has POSIX permissions.
   */
  private static void readableByAll(Path file) throws IOException {
    if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  public static void write(Path target, byte[] content) {
    write(target, out -> out.write(content));
  }

  public static void writeString(Path target, String content) {
    write(target, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** Fails early, with a clear message, when {@code dir} cannot be created or written. */
  public static void ensureWritableDirectory(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new GradCamException("Cannot create output folder " + dir + ": " + describe(e), e);
    }
    if (!Files.isDirectory(dir)) {
      throw new GradCamException("Output path " + dir + " exists and is not a folder");
    }
    Path probe = null;
    try {
      probe = Files.createTempFile(dir, ".gradcam4j-write-check", ".tmp");
    } catch (IOException e) {
      throw new GradCamException("Output folder " + dir + " is not writable: " + describe(e), e);
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
