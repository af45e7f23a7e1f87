package org.gradcam4j.zoo;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.gradcam4j.error.GradCamException;

/**
 * Takes one file out of a {@code .tar.gz} archive. The JDK reads gzip but not tar, and the model
 * zoo ships some models only inside such archives, so this reads the tar format itself: 512-byte
 * headers (POSIX ustar, with the GNU long-name and pax extensions for long paths) each followed by
 * the entry's data padded to 512 bytes.
 */
final class TarGzMember {
  private static final int BLOCK = 512;

  private TarGzMember() {}

  /**
   * Copies the member called {@code member} (or, when it is null, the only {@code .onnx} file) of
   * {@code archive} to {@code out}.
   *
   * @return the member's path inside the archive
   * @throws GradCamException when there is no such member, or several {@code .onnx} files and no
   *     {@code member} to choose between them, or the archive is damaged
   */
  static String extract(Path archive, String member, OutputStream out) throws IOException {
    String wanted = member == null ? null : clean(member);
    List<String> names = new ArrayList<>();
    List<String> onnxFiles = new ArrayList<>();
    String extracted = null;
    try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (readBlock(in, header)) {
        if (isZero(header)) {
          break; // end-of-archive marker
        }
        checkChecksum(header, archive);
        long size = number(header, 124, 12, archive);
        char type = (char) header[156];
        String name = longName != null ? longName : headerName(header);
        longName = null;
        if (type == 'L' || type == 'x') {
          String text = readText(in, size);
          longName = type == 'L' ? trimNul(text) : paxPath(text);
          skipPadding(in, size);
          continue;
        }
        name = clean(name);
        boolean regular = type == '0' || type == '\0' || type == '7';
        if (regular) {
          names.add(name);
          if (isOnnx(name)) {
            onnxFiles.add(name);
          }
        }
        boolean take = regular && extracted == null && (wanted == null ? isOnnx(name) : name.equals(wanted));
        if (take) {
          copy(in, out, size, archive);
          extracted = name;
        } else {
          in.skipNBytes(size);
        }
        skipPadding(in, size);
      }
    } catch (EOFException e) {
      throw new GradCamException("The archive " + archive + " is truncated (it ends inside an entry); delete it so that"
          + " it is downloaded again", e);
    }
    if (extracted == null) {
      throw new GradCamException("The archive " + archive + " has no " + (wanted == null ? ".onnx file" : "member '"
          + wanted + "'") + "; its files are: " + summary(names));
    }
    if (wanted == null && onnxFiles.size() > 1) {
      throw new GradCamException("The archive " + archive + " holds several .onnx files (" + String.join(", ", onnxFiles)
          + "); the catalogue entry must name the one to use");
    }
    return extracted;
  }

  private static boolean isOnnx(String name) {
    String base = name.substring(name.lastIndexOf('/') + 1);
    // "._name" entries are macOS resource forks that tar on a Mac adds next to each file.
    return base.toLowerCase(Locale.ROOT).endsWith(".onnx") && !base.startsWith("._");
  }

  private static String clean(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    return n;
  }

  private static String headerName(byte[] h) {
    String name = text(h, 0, 100);
    boolean ustar = text(h, 257, 5).equals("ustar");
    String prefix = ustar ? text(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String paxPath(String records) {
    // Each record is "<length> <key>=<value>\n"; only the path matters here.
    for (String record : records.split("\n")) {
      int space = record.indexOf(' ');
      int eq = record.indexOf('=');
      if (space > 0 && eq > space && record.substring(space + 1, eq).equals("path")) {
        return record.substring(eq + 1);
      }
    }
    return null;
  }

  private static boolean readBlock(InputStream in, byte[] block) throws IOException {
    int n = in.readNBytes(block, 0, BLOCK);
    if (n == 0) {
      return false; // some writers omit the end-of-archive blocks
    }
    if (n < BLOCK) {
      throw new EOFException("short tar header");
    }
    return true;
  }

  private static String readText(InputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("unreasonably long tar extension header (" + size + " bytes)");
    }
    byte[] bytes = in.readNBytes((int) size);
    if (bytes.length < size) {
      throw new EOFException("short tar extension header");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static void copy(InputStream in, OutputStream out, long size, Path archive) throws IOException {
    byte[] buf = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("archive " + archive + " ends inside an entry");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    long pad = (BLOCK - size % BLOCK) % BLOCK;
    in.skipNBytes(pad);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static void checkChecksum(byte[] h, Path archive) {
    long stored = number(h, 148, 8, archive);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    if (sum != stored) {
      throw new GradCamException("The archive " + archive + " is damaged (a tar header checksum is wrong); delete it so"
          + " that it is downloaded again");
    }
  }

  /** A numeric header field: octal text, or big-endian binary when the first byte has its top bit set (GNU). */
  private static long number(byte[] h, int offset, int length, Path archive) {
    if ((h[offset] & 0x80) != 0) {
      long v = h[offset] & 0x7f;
      for (int i = offset + 1; i < offset + length; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    String s = text(h, offset, length).trim();
    if (s.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(s, 8);
    } catch (NumberFormatException e) {
      throw new GradCamException("The archive " + archive + " is not a tar.gz archive (bad header field '" + s + "')", e);
    }
  }

  private static String text(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static String trimNul(String s) {
    int nul = s.indexOf('\0');
    return nul < 0 ? s : s.substring(0, nul);
  }

  private static String summary(List<String> names) {
    if (names.isEmpty()) {
      return "(none)";
    }
    return names.size() <= 10 ? String.join(", ", names)
        : String.join(", ", names.subList(0, 10)) + " and " + (names.size() - 10) + " more";
  }
}
