package org.gradcam4j.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;

/** Copies between {@link RgbImage} and AWT images whose bytes are laid out as B, G, R. */
final class BufferedImages {
  private BufferedImages() {}

  /** A {@code TYPE_3BYTE_BGR} copy of {@code image}. */
  static BufferedImage toBgr(RgbImage image) {
    BufferedImage out = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
    byte[] src = image.pixels();
    for (int i = 0; i < src.length; i += 3) {
      dst[i] = src[i + 2];
      dst[i + 1] = src[i + 1];
      dst[i + 2] = src[i];
    }
    return out;
  }

  /** The pixels of a {@code TYPE_3BYTE_BGR} image. */
  static RgbImage fromBgr(BufferedImage image) {
    if (image.getType() != BufferedImage.TYPE_3BYTE_BGR) {
      throw new IllegalArgumentException("expected a TYPE_3BYTE_BGR image, got type " + image.getType());
    }
    byte[] src = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] dst = new byte[src.length];
    for (int i = 0; i < src.length; i += 3) {
      dst[i] = src[i + 2];
      dst[i + 1] = src[i + 1];
      dst[i + 2] = src[i];
    }
    return new RgbImage(image.getWidth(), image.getHeight(), dst);
  }
}
