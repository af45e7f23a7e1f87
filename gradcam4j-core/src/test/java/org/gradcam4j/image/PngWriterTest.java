package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {
  @TempDir Path dir;

  @Test
  void decoderReadsBackExactlyWhatWasWritten() {
    RgbImage img = TestImages.gradient(53, 31);
    img.set(0, 0, 0, 255);
    img.set(52, 30, 2, 1);
    Path file = dir.resolve("maps").resolve("out.png");
    PngWriter.write(file, img);
    RgbImage back = ImageDecoder.read(file);
    assertThat(back.width()).isEqualTo(53);
    assertThat(back.height()).isEqualTo(31);
    assertThat(back.pixels()).isEqualTo(img.pixels());
  }

  @Test
  void replacesAnExistingFileAndLeavesNoTemporaryFiles() throws Exception {
    Path file = dir.resolve("out.png");
    PngWriter.write(file, TestImages.filled(4, 4, 1, 2, 3));
    PngWriter.write(file, TestImages.filled(5, 2, 9, 8, 7));
    RgbImage back = ImageDecoder.read(file);
    assertThat(back.width()).isEqualTo(5);
    assertThat(back.get(4, 1, 0)).isEqualTo(9);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void encodeGivesAPngFile() {
    byte[] png = PngWriter.encode(TestImages.filled(2, 2, 0, 0, 0));
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
  }
}
