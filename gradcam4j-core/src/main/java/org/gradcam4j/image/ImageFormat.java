package org.gradcam4j.image;

import java.nio.charset.StandardCharsets;

/**
 * The file formats the decoder accepts, recognised by their first bytes (never by the file name,
 * which is often wrong). Other well-known formats are recognised only to say what a rejected file
 * is.
 */
enum ImageFormat {
  PNG("png"),
  JPEG("jpeg");

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private final String imageIoName;

  ImageFormat(String imageIoName) {
    this.imageIoName = imageIoName;
  }

  /** The format name ImageIO registers its reader and writer under. */
  String imageIoName() {
    return imageIoName;
  }

  /** The format of {@code bytes}, or {@code null} when it is neither PNG nor JPEG. */
  static ImageFormat detect(byte[] bytes) {
    if (startsWith(bytes, PNG_SIGNATURE)) {
      return PNG;
    }
    // Every JPEG starts with the SOI marker followed by the next marker's 0xFF.
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xd8 && (bytes[2] & 0xff) == 0xff) {
      return JPEG;
    }
    return null;
  }

  /** A short name of another image format, for error messages, or {@code null} if unknown. */
  static String describeOther(byte[] bytes) {
    if (startsWith(bytes, ascii("GIF8"))) {
      return "a GIF image";
    }
    if (startsWith(bytes, ascii("BM"))) {
      return "a BMP image";
    }
    if (startsWith(bytes, ascii("RIFF")) && bytes.length >= 12
        && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
      return "a WebP image";
    }
    if (startsWith(bytes, new byte[] {'I', 'I', 42, 0}) || startsWith(bytes, new byte[] {'M', 'M', 0, 42})) {
      return "a TIFF image";
    }
    if (bytes.length >= 12 && new String(bytes, 4, 4, StandardCharsets.US_ASCII).equals("ftyp")) {
      return "a HEIF/AVIF image";
    }
    if (startsWith(bytes, new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'})) {
      return "a NumPy .npy array";
    }
    return null;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
