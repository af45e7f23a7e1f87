package org.gradcam4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageHeaderTest {
  @Test
  void readsTheSizeOfPngAndJpegWithoutDecoding() throws Exception {
    assertThat(ImageHeader.dimensions(TestImages.samplePng(0))).containsExactly(64, 64);
    assertThat(ImageHeader.dimensions(TestImages.jpeg(96, 80))).containsExactly(96, 80);
    assertThat(ImageHeader.dimensions(TestImages.pngHeader(100_000, 100_000))).containsExactly(100_000, 100_000);
    assertThat(ImageHeader.dimensions(claimingJpeg(60_000, 50_000))).containsExactly(60_000, 50_000);
    assertThat(ImageHeader.dimensions("GIF89a....".getBytes())).isNull();
    assertThat(ImageHeader.dimensions(new byte[] {(byte) 0xff, (byte) 0xd8})).isNull();
  }

  /** A real JPEG whose start-of-frame is rewritten to claim another size. */
  static byte[] claimingJpeg(int width, int height) throws Exception {
    byte[] b = TestImages.jpeg(96, 80);
    for (int i = 2; i + 9 < b.length; i++) {
      if ((b[i] & 0xff) == 0xff && (b[i + 1] & 0xff) == 0xc0) {
        b[i + 5] = (byte) (height >> 8);
        b[i + 6] = (byte) height;
        b[i + 7] = (byte) (width >> 8);
        b[i + 8] = (byte) width;
        return b;
      }
    }
    throw new AssertionError("no SOF0 marker in the test JPEG");
  }
}
