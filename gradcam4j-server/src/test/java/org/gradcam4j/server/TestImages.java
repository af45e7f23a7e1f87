package org.gradcam4j.server;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.gradcam4j.data.SyntheticDataset;
import org.gradcam4j.image.PngWriter;

/** Images made in the test: samples, a JPEG, and a PNG header that claims a huge image. */
final class TestImages {
  private TestImages() {}

  static byte[] samplePng(int i) {
    return PngWriter.encode(new SyntheticDataset(7).sample(i).image());
  }

  static byte[] jpeg(int w, int h) throws IOException {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.setRGB(x, y, ((x * 255 / w) << 16) | ((y * 255 / h) << 8) | ((x + y) & 0xff));
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }

  /** A valid PNG signature and IHDR chunk claiming {@code w x h}, followed by nothing else. */
  static byte[] pngHeader(int w, int h) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.putInt(13);
    int crcFrom = b.position();
    b.put(new byte[] {'I', 'H', 'D', 'R'});
    b.putInt(w).putInt(h).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(b.array(), crcFrom, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
