package org.gradcam4j.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.Preprocessing;
import org.gradcam4j.image.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderTest {
  @TempDir
  Path dir;

  @Test
  void readsImagesInNameOrderAndSkipsBrokenOnes() throws IOException {
    PngWriter.write(dir.resolve("b.png"), grey(40, 30, 200));
    PngWriter.write(dir.resolve("a.png"), grey(30, 40, 10));
    Files.writeString(dir.resolve("c.jpg"), "not a picture");
    Files.writeString(dir.resolve("notes.txt"), "ignored");

    ImageFolder folder = ImageFolder.of(dir);
    assertThat(folder.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png", "c.jpg");

    Preprocessing pre = Preprocessing.preset("none").withResize(20).withCrop(20);
    ImageFolder.Batch batch = folder.read(0, 3, pre);
    assertThat(batch.files()).extracting(p -> p.getFileName().toString()).containsExactly("a.png", "b.png");
    assertThat(batch.input().shape()).containsExactly(2, 3, 20, 20);
    // "none" divides by 1 and subtracts nothing: the tensor holds the grey levels
    assertThat(batch.input().data()[0]).isEqualTo(10f);
    assertThat(batch.input().data()[3 * 20 * 20]).isEqualTo(200f);
    assertThat(folder.skipped()).singleElement().satisfies(s -> {
      assertThat(s.file().getFileName().toString()).isEqualTo("c.jpg");
      assertThat(s.reason()).contains("c.jpg");
    });
  }

  @Test
  void aMissingOrEmptyFolderIsNamed() throws IOException {
    assertThatThrownBy(() -> ImageFolder.of(dir.resolve("nope"))).isInstanceOf(GradCamException.class)
        .hasMessageContaining("nope").hasMessageContaining("does not exist");
    Files.writeString(dir.resolve("readme.txt"), "x");
    assertThatThrownBy(() -> ImageFolder.of(dir)).isInstanceOf(GradCamException.class)
        .hasMessageContaining("No .png, .jpg or .jpeg images in " + dir);
  }

  private static RgbImage grey(int w, int h, int level) {
    RgbImage image = RgbImage.blank(w, h);
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          image.set(x, y, c, level);
        }
      }
    }
    return image;
  }
}
