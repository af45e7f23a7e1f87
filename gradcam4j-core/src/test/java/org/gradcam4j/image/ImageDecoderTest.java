package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
  @TempDir Path dir;

  private Path file(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Test
  void readsRgbPngExactly() throws Exception {
    RgbImage src = TestImages.gradient(37, 23);
    RgbImage back = ImageDecoder.read(file("rgb.png", TestImages.png(TestImages.toBufferedImage(src))));
    assertThat(back.width()).isEqualTo(37);
    assertThat(back.height()).isEqualTo(23);
    assertThat(back.pixels()).isEqualTo(src.pixels());
  }

  @Test
  void dropsAlphaWithoutCompositing() throws Exception {
    BufferedImage argb = new BufferedImage(4, 1, BufferedImage.TYPE_INT_ARGB);
    argb.setRGB(0, 0, 0x00ff8040); // fully transparent: its colour must survive, not become black or white
    argb.setRGB(1, 0, 0x80102030);
    argb.setRGB(2, 0, 0xff0a0b0c);
    argb.setRGB(3, 0, 0x01fefdfc);
    RgbImage img = ImageDecoder.read(file("rgba.png", TestImages.png(argb)));
    assertThat(rgbAt(img, 0)).containsExactly(0xff, 0x80, 0x40);
    assertThat(rgbAt(img, 1)).containsExactly(0x10, 0x20, 0x30);
    assertThat(rgbAt(img, 2)).containsExactly(0x0a, 0x0b, 0x0c);
    assertThat(rgbAt(img, 3)).containsExactly(0xfe, 0xfd, 0xfc);
  }

  @Test
  void greyBecomesEqualChannels() throws Exception {
    BufferedImage grey = new BufferedImage(3, 1, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSamples(0, 0, 3, 1, 0, new int[] {0, 77, 255});
    RgbImage img = ImageDecoder.read(file("grey.png", TestImages.png(grey)));
    assertThat(rgbAt(img, 0)).containsExactly(0, 0, 0);
    assertThat(rgbAt(img, 1)).containsExactly(77, 77, 77);
    assertThat(rgbAt(img, 2)).containsExactly(255, 255, 255);
  }

  @Test
  void palettePngsAreLookedUp() throws Exception {
    byte[] r = {(byte) 200, 10, 0, (byte) 255};
    byte[] g = {(byte) 100, 20, 0, (byte) 255};
    byte[] b = {50, 30, (byte) 255, 0};
    IndexColorModel palette = new IndexColorModel(2, 4, r, g, b);
    BufferedImage indexed = new BufferedImage(4, 2, BufferedImage.TYPE_BYTE_BINARY, palette);
    indexed.getRaster().setSamples(0, 0, 4, 2, 0, new int[] {0, 1, 2, 3, 3, 2, 1, 0});
    RgbImage img = ImageDecoder.read(file("palette.png", TestImages.png(indexed)));
    assertThat(rgbAt(img, 0)).containsExactly(200, 100, 50);
    assertThat(rgbAt(img, 1)).containsExactly(10, 20, 30);
    assertThat(rgbAt(img, 2)).containsExactly(0, 0, 255);
    assertThat(rgbAt(img, 3)).containsExactly(255, 255, 0);
    assertThat(rgbAt(img, 4)).containsExactly(255, 255, 0);
    assertThat(rgbAt(img, 7)).containsExactly(200, 100, 50);
  }

  @Test
  void sixteenBitPngsKeepTheHighByte() throws Exception {
    ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
        new int[] {16, 16, 16}, false, false, Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
    WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
    raster.setPixels(0, 0, 2, 1, new int[] {0xffff, 0x12ff, 0x0080, 0x8000, 0x7fff, 0x00ff});
    BufferedImage deep = new BufferedImage(model, raster, false, null);
    RgbImage img = ImageDecoder.read(file("rgb16.png", TestImages.png(deep)));
    assertThat(rgbAt(img, 0)).containsExactly(0xff, 0x12, 0x00);
    assertThat(rgbAt(img, 1)).containsExactly(0x80, 0x7f, 0x00);

    BufferedImage grey16 = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
    grey16.getRaster().setSamples(0, 0, 2, 1, 0, new int[] {0xabcd, 0x00ff});
    RgbImage grey = ImageDecoder.read(file("grey16.png", TestImages.png(grey16)));
    assertThat(rgbAt(grey, 0)).containsExactly(0xab, 0xab, 0xab);
    assertThat(rgbAt(grey, 1)).containsExactly(0, 0, 0);
  }

  @Test
  void readsBaselineAndProgressiveJpegToTheSamePixels() throws Exception {
    // Both modes code the same quantised coefficients, so a complete decode must agree exactly.
    BufferedImage src = TestImages.toBufferedImage(TestImages.gradient(61, 45));
    RgbImage baseline = ImageDecoder.read(file("base.jpg", TestImages.jpeg(src, 0.9f, false)));
    RgbImage progressive = ImageDecoder.read(file("prog.jpg", TestImages.jpeg(src, 0.9f, true)));
    assertThat(progressive.width()).isEqualTo(61);
    assertThat(progressive.height()).isEqualTo(45);
    assertThat(progressive.pixels()).isEqualTo(baseline.pixels());
    assertThat(maxDifference(baseline, TestImages.gradient(61, 45))).isLessThan(40);
  }

  @Test
  void readsGreyJpeg() throws Exception {
    BufferedImage grey = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
    for (int y = 0; y < 16; y++) {
      for (int x = 0; x < 16; x++) {
        grey.getRaster().setSample(x, y, 0, 120);
      }
    }
    RgbImage img = ImageDecoder.read(file("grey.jpg", TestImages.jpeg(grey, 0.95f, false)));
    for (int i = 0; i < 256; i++) {
      int[] p = rgbAt(img, i);
      assertThat(p[0]).isEqualTo(p[1]).isEqualTo(p[2]).isBetween(118, 122);
    }
  }

  @Test
  void ignoresEmbeddedColourProfiles() throws Exception {
    // Pillow ignores ICC profiles; ImageIO would convert a non-sRGB one to sRGB unless told not to.
    byte[] plain = TestImages.jpeg(TestImages.toBufferedImage(TestImages.gradient(40, 30)), 0.9f, false);
    byte[] tagged = withIccProfile(plain, ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData());
    RgbImage a = ImageDecoder.read(file("plain.jpg", plain));
    RgbImage b = ImageDecoder.read(file("tagged.jpg", tagged));
    assertThat(b.pixels()).isEqualTo(a.pixels());
  }

  @Test
  void sharedPhotoWithNonSrgbProfileIsNotColourConverted() {
    Path rocket = org.gradcam4j.testing.SharedData.image("rocket.jpg");
    RgbImage raw = ImageDecoder.read(rocket);
    // The same file with its APP2 segments removed must give the same pixels.
    RgbImage stripped = ImageDecoder.decode(withoutApp2(readAll(rocket)), rocket);
    assertThat(raw.pixels()).isEqualTo(stripped.pixels());
  }

  @Test
  void aDecompressionBombIsRefusedFromItsHeader() throws Exception {
    // 100 000 x 100 000 grey pixels declared in a file of under a hundred bytes
    Path bomb = file("bomb.png", pngHeaderOnly(100_000, 100_000));
    assertThatThrownBy(() -> ImageDecoder.read(bomb))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("bomb.png")
        .hasMessageContaining("100000x100000 = 10000000000 pixels")
        .hasMessageContaining("limit of " + ImageDecoder.DEFAULT_MAX_PIXELS)
        .hasMessageContaining("gradcam4j.maxImagePixels");
  }

  @Test
  void thePixelLimitCanBeSetAndAppliesToTheExactCount() throws Exception {
    Path png = file("small.png", TestImages.png(TestImages.toBufferedImage(TestImages.gradient(20, 10))));
    String before = System.getProperty("gradcam4j.maxImagePixels");
    try {
      System.setProperty("gradcam4j.maxImagePixels", "200");
      assertThat(ImageDecoder.read(png).width()).isEqualTo(20);
      System.setProperty("gradcam4j.maxImagePixels", "199");
      assertThatThrownBy(() -> ImageDecoder.read(png)).isInstanceOf(ImageDecodeException.class)
          .hasMessageContaining("20x10 = 200 pixels, more than the limit of 199");
    } finally {
      if (before == null) {
        System.clearProperty("gradcam4j.maxImagePixels");
      } else {
        System.setProperty("gradcam4j.maxImagePixels", before);
      }
    }
  }

  @Test
  void sixteenBitAlphaSamplesCountForTheMemoryTheyTake() throws Exception {
    // 8 000 x 8 000 = 64 M pixels is under the limit as 8-bit RGB, but 16-bit RGBA takes 8 bytes a pixel
    Path deep = file("deep.png", pngHeaderOnly(8000, 8000, 16, 6));
    assertThatThrownBy(() -> ImageDecoder.read(deep))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("8000x8000 = 64000000 pixels (170666666 counting its 16-bit or alpha samples)");
  }

  /** A PNG whose header declares {@code width x height} grey pixels, followed by one tiny image data chunk. */
  private static byte[] pngHeaderOnly(int width, int height) throws Exception {
    return pngHeaderOnly(width, height, 8, 0);
  }

  /** A PNG header of the given bit depth and colour type (0 grey, 2 RGB, 6 RGBA), then one tiny data chunk. */
  private static byte[] pngHeaderOnly(int width, int height, int bitDepth, int colourType) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13);
    ihdr.putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType).put((byte) 0).put((byte) 0)
        .put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    java.util.zip.Deflater deflater = new java.util.zip.Deflater();
    deflater.setInput(new byte[64]);
    deflater.finish();
    byte[] z = new byte[128];
    int n = deflater.deflate(z);
    chunk(out, "IDAT", Arrays.copyOf(z, n));
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws Exception {
    java.nio.ByteBuffer len = java.nio.ByteBuffer.allocate(4).putInt(data.length);
    out.write(len.array());
    byte[] t = type.getBytes(StandardCharsets.US_ASCII);
    out.write(t);
    out.write(data);
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(t);
    crc.update(data);
    out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void missingFileIsNamed() {
    Path missing = dir.resolve("nope.png");
    assertThatThrownBy(() -> ImageDecoder.read(missing))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("nope.png")
        .hasMessageContaining("no such file");
  }

  @Test
  void folderIsRejected() {
    assertThatThrownBy(() -> ImageDecoder.read(dir))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("folder");
  }

  @Test
  void emptyFileIsRejected() throws Exception {
    Path empty = file("empty.jpg", new byte[0]);
    assertThatThrownBy(() -> ImageDecoder.read(empty))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("empty.jpg")
        .hasMessageContaining("empty");
  }

  @Test
  void textFileIsNotAnImage() throws Exception {
    Path text = file("labels.png", "tench\ngoldfish\n".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ImageDecoder.read(text))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("labels.png")
        .hasMessageContaining("not a PNG or JPEG image");
  }

  @Test
  void otherImageFormatsAreNamed() throws Exception {
    byte[] gif = TestImages.encode(TestImages.toBufferedImage(TestImages.gradient(4, 4)), "gif", null);
    Path p = file("picture.png", gif);
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("not a PNG or JPEG image")
        .hasMessageContaining("GIF");
  }

  @Test
  void truncatedPngFails() throws Exception {
    byte[] png = TestImages.png(TestImages.toBufferedImage(TestImages.gradient(64, 64)));
    Path p = file("cut.png", Arrays.copyOf(png, png.length / 2));
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("cut.png")
        .hasMessageContaining("corrupt or truncated");
  }

  @Test
  void truncatedJpegFailsInsteadOfReturningGreyRows() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.toBufferedImage(TestImages.gradient(64, 64)), 0.9f, false);
    Path p = file("cut.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("cut.jpg")
        .hasMessageContaining("truncated");
  }

  @Test
  void truncatedProgressiveJpegFails() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.toBufferedImage(TestImages.gradient(64, 64)), 0.9f, true);
    Path p = file("cut-progressive.jpg", Arrays.copyOf(jpeg, jpeg.length * 2 / 3));
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void jpegWithCorruptScanDataFails() throws Exception {
    byte[] jpeg = TestImages.jpeg(TestImages.toBufferedImage(TestImages.gradient(64, 64)), 0.9f, false);
    // Overwrite the middle of the entropy-coded data with a marker-like pattern.
    for (int i = jpeg.length / 2; i < jpeg.length / 2 + 40; i += 2) {
      jpeg[i] = (byte) 0xff;
      jpeg[i + 1] = (byte) 0xd3;
    }
    Path p = file("corrupt.jpg", jpeg);
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("corrupt.jpg");
  }

  @Test
  void cmykJpegIsRejectedClearly() throws Exception {
    WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 16, 16, 4, null);
    byte[] jpeg = TestImages.encode(cmyk, "jpeg", null);
    Path p = file("print.jpg", jpeg);
    assertThatThrownBy(() -> ImageDecoder.read(p))
        .isInstanceOf(ImageDecodeException.class)
        .hasMessageContaining("print.jpg")
        .hasMessageContaining("CMYK");
  }

  private static int[] rgbAt(RgbImage img, int index) {
    int x = index % img.width();
    int y = index / img.width();
    return new int[] {img.get(x, y, 0), img.get(x, y, 1), img.get(x, y, 2)};
  }

  private static int maxDifference(RgbImage a, RgbImage b) {
    int max = 0;
    for (int i = 0; i < a.pixels().length; i++) {
      max = Math.max(max, Math.abs((a.pixels()[i] & 0xff) - (b.pixels()[i] & 0xff)));
    }
    return max;
  }

  private static byte[] readAll(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Inserts an APP2 ICC_PROFILE segment right after the SOI marker (profile must fit one segment). */
  private static byte[] withIccProfile(byte[] jpeg, byte[] profile) {
    byte[] id = "ICC_PROFILE\0".getBytes(StandardCharsets.US_ASCII);
    int length = 2 + id.length + 2 + profile.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    out.write(0xff);
    out.write(0xe2);
    out.write(length >> 8);
    out.write(length & 0xff);
    out.writeBytes(id);
    out.write(1); // segment 1 of 1
    out.write(1);
    out.writeBytes(profile);
    out.write(jpeg, 2, jpeg.length - 2);
    return out.toByteArray();
  }

  /** The JPEG without its APP2 (ICC profile) segments. */
  private static byte[] withoutApp2(byte[] jpeg) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(jpeg, 0, 2);
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) != 0xda) {
      int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      if ((jpeg[i + 1] & 0xff) != 0xe2) {
        out.write(jpeg, i, 2 + length);
      }
      i += 2 + length;
    }
    out.write(jpeg, i, jpeg.length - i);
    return out.toByteArray();
  }
}
