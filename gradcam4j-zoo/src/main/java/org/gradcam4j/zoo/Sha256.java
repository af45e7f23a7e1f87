package org.gradcam4j.zoo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers (the JDK always provides the algorithm). */
final class Sha256 {
  private Sha256() {}

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }

  static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Feeds the first {@code length} bytes of {@code file} into {@code digest}. */
  static void update(MessageDigest digest, Path file, long length) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = length;
    try (InputStream in = Files.newInputStream(file)) {
      while (left > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException(file + " is shorter than " + length + " bytes");
        }
        digest.update(buf, 0, n);
        left -= n;
      }
    }
  }

  /** The hex SHA-256 of a whole file. */
  static String of(Path file) throws IOException {
    MessageDigest digest = newDigest();
    update(digest, file, Files.size(file));
    return hex(digest);
  }
}
