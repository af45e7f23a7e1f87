package org.gradcam4j.server;

/**
 * The size an image's header claims, read without decoding, so that a decompression bomb (a small
 * file that claims a huge image) is refused before any pixel memory is allocated.
 */
final class ImageHeader {
  private ImageHeader() {}

  /** {@code [width, height]} from a PNG IHDR or a JPEG start-of-frame, or {@code null} if neither is found. */
  static long[] dimensions(byte[] b) {
    if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[12] == 'I' && b[13] == 'H' && b[14] == 'D' && b[15] == 'R') {
      return new long[] {u32(b, 16), u32(b, 20)};
    }
    if (b.length >= 4 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8) {
      int i = 2;
      while (i + 4 <= b.length) {
        if ((b[i] & 0xff) != 0xff) {
          i++;
          continue;
        }
        int marker = b[i + 1] & 0xff;
        if (marker == 0xff) {
          i++;
          continue;
        }
        if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
          i += 2;
          continue;
        }
        if (marker == 0xd9 || marker == 0xda) {
          return null;
        }
        int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
        boolean sof = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
        if (sof && i + 9 <= b.length) {
          long h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
          long w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
          return new long[] {w, h};
        }
        i += 2 + len;
      }
    }
    return null;
  }

  private static long u32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
  }
}
