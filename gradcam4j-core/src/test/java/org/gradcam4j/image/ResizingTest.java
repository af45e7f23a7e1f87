package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.gradcam4j.io.Npy;
import org.gradcam4j.testing.SharedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResizingTest {
  /** A one-row image whose red channel holds {@code values} (green and blue are 0). */
  private static RgbImage row(int... values) {
    RgbImage img = RgbImage.blank(values.length, 1);
    for (int x = 0; x < values.length; x++) {
      img.set(x, 0, 0, values[x]);
    }
    return img;
  }

  private static int[] reds(RgbImage img) {
    int[] out = new int[img.width() * img.height()];
    for (int i = 0; i < out.length; i++) {
      out[i] = img.get(i % img.width(), i / img.width(), 0);
    }
    return out;
  }

  @Test
  void resizingOnlyTheCroppedWindowGivesTheSamePixels() {
    java.util.Random random = new java.util.Random(7);
    int[][] sizes = {{300, 200}, {200, 300}, {224, 224}, {256, 256}, {257, 999}, {640, 480}, {100, 37}, {16, 2000},
        {2000, 16}, {3, 5}, {256, 300}, {300, 256}};
    for (int[] size : sizes) {
      RgbImage image = RgbImage.blank(size[0], size[1]);
      byte[] p = image.pixels();
      for (int i = 0; i < p.length; i++) {
        p[i] = (byte) random.nextInt(256);
      }
      for (int crop : new int[] {224, 64}) {
        RgbImage full = Resizing.centerCrop(Resizing.resizeShorterSide(image, 256), crop, crop);
        RgbImage window = Resizing.resizeShorterSideAndCenterCrop(image, 256, crop, crop);
        assertThat(window.width()).isEqualTo(crop);
        assertThat(window.pixels()).as(size[0] + "x" + size[1] + " crop " + crop).isEqualTo(full.pixels());
      }
    }
  }

  @Test
  void aSliverIsCroppedWithoutResizingAllOfIt_andAFullResizeOfItIsRefused() {
    // 16 x 50 000: a shorter side of 256 makes it 256 x 800 000 = 204.8 M pixels
    RgbImage sliver = RgbImage.blank(16, 50_000);
    assertThatThrownBy(() -> Resizing.resizeShorterSide(sliver, 256))
        .isInstanceOf(org.gradcam4j.error.GradCamException.class)
        .hasMessageContaining("16x50000 image")
        .hasMessageContaining("256x800000 = 204800000 pixels")
        .hasMessageContaining("limit of " + ImageDecoder.DEFAULT_MAX_PIXELS);
    RgbImage cropped = Resizing.resizeShorterSideAndCenterCrop(sliver, 256, 224, 224);
    assertThat(cropped.width()).isEqualTo(224);
    assertThat(cropped.height()).isEqualTo(224);
    // 1 x 12 255 233 (a fuzzed PNG of 69 bytes): even its window cannot be indexed at 256 x 3 137 339 648
    assertThatThrownBy(() -> Resizing.resizeShorterSideAndCenterCrop(RgbImage.blank(1, 12_255_233), 256, 224, 224))
        .isInstanceOf(org.gradcam4j.error.GradCamException.class)
        .hasMessageContaining("1x12255233 image")
        .hasMessageContaining("256x3137339648");
  }

  @Test
  void shrinkingAveragesOverTheWidenedTriangle() {
    // 4 -> 2: scale 2, so the triangle spans 2 source pixels each side of the centre (1.0 and 3.0).
    // Output 0: taps 0..2 with weights 0.75, 0.75, 0.25 (/1.75): (0*.75 + 100*.75 + 200*.25)/1.75 = 71.4
    // Output 1: taps 1..3 with weights 0.25, 0.75, 0.75 (/1.75): (25 + 150 + 191.25)/1.75 = 209.3
    assertThat(reds(Resizing.resize(row(0, 100, 200, 255), 2, 1))).containsExactly(71, 209);
  }

  @Test
  void enlargingInterpolatesBetweenPixelCentres() {
    // 2 -> 4: output centres at 0.25, 0.75, 1.25, 1.75 source pixels; the outer ones see one pixel.
    assertThat(reds(Resizing.resize(row(0, 100), 4, 1))).containsExactly(0, 25, 75, 100);
  }

  @Test
  void fixedPointRoundsHalfUp() {
    // 0.25 * 0 + 0.75 * 2 = 1.5 and 0.75 * 0 + 0.25 * 2 = 0.5: Pillow adds one half and truncates.
    assertThat(reds(Resizing.resize(row(0, 2), 4, 1))).containsExactly(0, 1, 2, 2);
  }

  @Test
  void verticalPassUsesTheSameFilter() {
    RgbImage column = RgbImage.blank(1, 4);
    int[] values = {0, 100, 200, 255};
    for (int y = 0; y < 4; y++) {
      column.set(0, y, 0, values[y]);
    }
    assertThat(reds(Resizing.resize(column, 1, 2))).containsExactly(71, 209);
  }

  @Test
  void constantImagesStayConstant() {
    RgbImage flat = TestImages.filled(97, 61, 3, 128, 254);
    for (int[] size : new int[][] {{13, 7}, {200, 150}, {97, 20}, {31, 61}}) {
      RgbImage out = Resizing.resize(flat, size[0], size[1]);
      assertThat(out.pixels()).isEqualTo(TestImages.filled(size[0], size[1], 3, 128, 254).pixels());
    }
  }

  @Test
  void sameSizeIsACopy() {
    RgbImage img = TestImages.gradient(20, 10);
    RgbImage out = Resizing.resize(img, 20, 10);
    assertThat(out.pixels()).isEqualTo(img.pixels()).isNotSameAs(img.pixels());
  }

  @ParameterizedTest
  @CsvSource({
      // photo sizes from the reference manifest
      "451, 300, 385, 256",
      "640, 480, 341, 256",
      "600, 400, 384, 256",
      "300, 451, 256, 385",
      "256, 256, 256, 256",
      "224, 224, 256, 256",
      // 256 * 513 / 512 = 256.5 and 256 * 515 / 512 = 257.5: ties go to the even neighbour
      "513, 512, 256, 256",
      "515, 512, 258, 256",
  })
  void shorterSideBecomesTheTarget(int w, int h, int expectedW, int expectedH) {
    RgbImage out = Resizing.resizeShorterSide(RgbImage.blank(w, h), 256);
    assertThat(out.width()).isEqualTo(expectedW);
    assertThat(out.height()).isEqualTo(expectedH);
  }

  @ParameterizedTest
  @CsvSource({
      "385, 256, 80, 16",
      "341, 256, 58, 16",
      "224, 224, 0, 0",
      // (225 - 224) / 2 = 0.5 rounds to 0, (227 - 224) / 2 = 1.5 rounds to 2
      "225, 227, 0, 2",
  })
  void centreCropOffsetsRoundHalfToEven(int w, int h, int left, int top) {
    RgbImage img = coordinates(w, h);
    RgbImage crop = Resizing.centerCrop(img, 224, 224);
    assertThat(crop.width()).isEqualTo(224);
    assertThat(crop.height()).isEqualTo(224);
    assertThat(crop.get(0, 0, 0)).isEqualTo(left % 256);
    assertThat(crop.get(0, 0, 1)).isEqualTo(top % 256);
    assertThat(crop.get(223, 223, 0)).isEqualTo((left + 223) % 256);
    assertThat(crop.get(223, 223, 1)).isEqualTo((top + 223) % 256);
  }

  @Test
  void cropLargerThanTheImagePadsWithBlackLikeTorchvision() {
    RgbImage img = TestImages.filled(3, 2, 200, 200, 200);
    RgbImage crop = Resizing.centerCrop(img, 6, 5);
    // width: pad 1 left, 2 right; height: pad 1 top, 2 bottom
    for (int y = 0; y < 5; y++) {
      for (int x = 0; x < 6; x++) {
        boolean inside = x >= 1 && x <= 3 && y >= 1 && y <= 2;
        assertThat(crop.get(x, y, 0)).as("(%d,%d)", x, y).isEqualTo(inside ? 200 : 0);
      }
    }
  }

  /** Red holds x, green holds y (mod 256). */
  private static RgbImage coordinates(int w, int h) {
    RgbImage img = RgbImage.blank(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        img.set(x, y, 0, x % 256);
        img.set(x, y, 1, y % 256);
      }
    }
    return img;
  }

  @ParameterizedTest
  @ValueSource(strings = {"chelsea.png", "coffee.png", "gradcam_cat_dog.jpg"})
  void decodeResizeAndCropMatchTheReferenceCrops(String name) {
    RgbImage photo = ImageDecoder.read(SharedData.image(name));
    RgbImage crop = Resizing.centerCrop(Resizing.resizeShorterSide(photo, 256), 224, 224);

    Path reference = SharedData.reference("inputs/" + name.substring(0, name.lastIndexOf('.')) + ".rgb224.npy");
    Npy.Array expected = Npy.read(reference);
    assertThat(expected.shape()).containsExactly(224, 224, 3);
    int differing = 0;
    for (int i = 0; i < expected.data().length; i++) {
      if ((crop.pixels()[i] & 0xff) != (int) expected.data()[i]) {
        differing++;
      }
    }
    // Byte-identical, JPEG included: the JDK's libjpeg and Pillow's libjpeg-turbo decode alike here.
    assertThat(differing).as("bytes differing from the Pillow pipeline").isZero();
  }
}
