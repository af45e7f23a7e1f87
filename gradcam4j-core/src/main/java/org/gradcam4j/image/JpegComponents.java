package org.gradcam4j.image;

/**
 * Reads the number of colour components from a JPEG's frame header, so that a refusal of ImageIO's
 * reader ("Unsupported Image Type") can be explained: it is almost always a CMYK or YCCK file.
 */
final class JpegComponents {
  private JpegComponents() {}

  /** The component count of the first frame header, or -1 when none is found. */
  static int count(byte[] jpeg) {
    int i = 2;
    while (i + 4 <= jpeg.length) {
      if ((jpeg[i] & 0xff) != 0xff) {
        return -1;
      }
      int marker = jpeg[i + 1] & 0xff;
      if (marker == 0xff) {
        i++; // fill byte
        continue;
      }
      if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
        i += 2; // markers without a length field
        continue;
      }
      int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      if (isStartOfFrame(marker)) {
        return i + 9 < jpeg.length ? jpeg[i + 9] & 0xff : -1;
      }
      if (marker == 0xda || marker == 0xd9) {
        return -1; // scan data or end of image before any frame header
      }
      i += 2 + length;
    }
    return -1;
  }

  /** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
  private static boolean isStartOfFrame(int marker) {
    return marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
  }
}
