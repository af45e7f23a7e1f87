package org.gradcam4j.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gradcam4j.error.GradCamException;

/**
 * NumPy's {@code .npy} format (version 1.0), for float32 arrays (written and read) and float64, int64,
 * int32 and uint8 arrays (read, as floats): the format is a short text header followed by the raw little-endian data.
 */
public final class Npy {
  private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
  private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
  private static final Pattern ORDER = Pattern.compile("'fortran_order':\\s*(True|False)");
  private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

  private Npy() {}

  /** An array read from a file: its shape and values (converted to float). */
  public record Array(long[] shape, float[] data) {}

  /** Serialises a float32 array of the given shape (C order). */
  public static byte[] toBytes(long[] shape, float[] data) {
    StringBuilder dims = new StringBuilder();
    for (long d : shape) {
      dims.append(d).append(", ");
    }
    String shapeText = shape.length == 1 ? shape[0] + "," : dims.length() == 0 ? "" : dims.substring(0, dims.length() - 2);
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shapeText + "), }";
    int unpadded = MAGIC.length + 2 + 2 + header.length() + 1;
    int padding = (64 - unpadded % 64) % 64;
    header = header + " ".repeat(padding) + "\n";
    ByteArrayOutputStream out = new ByteArrayOutputStream(unpadded + padding + data.length * 4);
    out.writeBytes(MAGIC);
    out.write(1);
    out.write(0);
    byte[] h = header.getBytes(StandardCharsets.US_ASCII);
    out.write(h.length & 0xff);
    out.write((h.length >> 8) & 0xff);
    out.writeBytes(h);
    ByteBuffer buf = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(data);
    out.writeBytes(buf.array());
    return out.toByteArray();
  }

  /** Writes a float32 array atomically. */
  public static void write(Path file, long[] shape, float[] data) {
    AtomicFiles.write(file, toBytes(shape, data));
  }

  public static Array read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new GradCamException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  public static Array parse(byte[] bytes, String source) {
    if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
      throw new GradCamException(source + " is not a .npy file");
    }
    int major = bytes[6];
    int headerLength;
    int offset;
    if (major == 1) {
      headerLength = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
      offset = 10;
    } else {
      headerLength = ByteBuffer.wrap(bytes, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      offset = 12;
    }
    String header = new String(bytes, offset, headerLength, StandardCharsets.ISO_8859_1);
    String descr = find(DESCR, header, source);
    if (find(ORDER, header, source).equals("True")) {
      throw new GradCamException(source + ": Fortran-ordered arrays are not supported");
    }
    String[] parts = find(SHAPE, header, source).split(",");
    long[] shape = Arrays.stream(parts).map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    ByteBuffer data = ByteBuffer.wrap(bytes, offset + headerLength, bytes.length - offset - headerLength)
        .order(ByteOrder.LITTLE_ENDIAN);
    float[] values = new float[Math.toIntExact(count)];
    switch (descr) {
      case "<f4" -> data.asFloatBuffer().get(values);
      case "<f8" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = (float) data.getDouble();
        }
      }
      case "<i8" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = data.getLong();
        }
      }
      case "<i4" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = data.getInt();
        }
      }
      case "|u1" -> {
        for (int i = 0; i < values.length; i++) {
          values[i] = data.get() & 0xff;
        }
      }
      default -> throw new GradCamException(source + ": unsupported dtype " + descr);
    }
    return new Array(shape, values);
  }

  private static String find(Pattern p, String header, String source) {
    Matcher m = p.matcher(header);
    if (!m.find()) {
      throw new GradCamException(source + ": malformed .npy header");
    }
    return m.group(1);
  }
}
