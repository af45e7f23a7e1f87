package org.gradcam4j.zoo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;

/**
 * Builds small .tar.gz archives for tests, written straight from the tar format description
 * (ustar headers; GNU 'L' entries for names over 100 bytes), independent of the reader under test.
 */
final class TarGzWriter {
  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  /** Adds a regular file. */
  TarGzWriter file(String name, byte[] content) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > 100) {
      byte[] longName = (name + "\0").getBytes(StandardCharsets.UTF_8);
      header("././@LongLink", longName.length, 'L');
      data(longName);
      header(name.substring(0, 100), content.length, '0');
    } else {
      header(name, content.length, '0');
    }
    data(content);
    return this;
  }

  /** Adds a folder entry. */
  TarGzWriter folder(String name) {
    header(name.endsWith("/") ? name : name + "/", 0, '5');
    return this;
  }

  /** The archive: the entries, two zero blocks, gzip-compressed. */
  byte[] build() {
    tar.writeBytes(new byte[1024]);
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(tar.toByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return gz.toByteArray();
  }

  private void header(String name, long size, char type) {
    byte[] h = new byte[512];
    put(h, 0, 100, name);
    put(h, 100, 8, "0000644");
    put(h, 108, 8, "0001750");
    put(h, 116, 8, "0001750");
    put(h, 124, 12, String.format("%011o", size));
    put(h, 136, 12, String.format("%011o", 1_600_000_000L));
    h[156] = (byte) type;
    put(h, 257, 6, "ustar");
    put(h, 263, 2, "00");
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, 8, String.format("%06o", sum) + "\0 ");
    tar.writeBytes(h);
  }

  private void data(byte[] content) {
    tar.writeBytes(content);
    int pad = (512 - content.length % 512) % 512;
    tar.writeBytes(new byte[pad]);
  }

  private static void put(byte[] h, int offset, int length, String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(bytes, 0, h, offset, Math.min(length, bytes.length));
  }
}
