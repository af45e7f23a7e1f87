package org.gradcam4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import javax.imageio.ImageIO;
import org.gradcam4j.eval.truth.Box;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreviewSheetTest {
  private final SyntheticDataset dataset = new SyntheticDataset(2);

  @Test
  void writesAReadableGridOfImageAndGroundTruthPanels(@TempDir Path dir) throws IOException {
    List<LabelledImage> images = LongStream.range(0, 7).mapToObj(dataset::sample).toList();
    Path file = dir.resolve("preview.png");
    PreviewSheet.write(file, images, 3);
    BufferedImage sheet = ImageIO.read(file.toFile());
    BufferedImage rendered = PreviewSheet.render(images, 3);
    assertThat(sheet.getWidth()).isEqualTo(rendered.getWidth());
    assertThat(sheet.getHeight()).isEqualTo(rendered.getHeight());
    // 64x64 images are shown at 2x: three cells of two 128-pixel panels across, three rows down.
    assertThat(sheet.getWidth()).isGreaterThan(3 * 2 * 128).isLessThan(3 * 2 * 128 + 60);
    assertThat(sheet.getHeight()).isGreaterThan(3 * 128).isLessThan(3 * (128 + 40));
  }

  @Test
  void theGroundTruthPanelKeepsTheTargetAndDimsTheRest() {
    LabelledImage sample = dataset.sample(0);
    BufferedImage sheet = PreviewSheet.render(List.of(sample), 1);
    int panelX = 6 + 128 + 6;
    int panelY = 6;
    // The box outline is drawn just outside the box, over the neighbouring pixels.
    Box b = sample.box();
    Box grownBox = new Box(b.x0() - 1, b.y0() - 1, b.x1() + 1, b.y1() + 1);
    int checkedInside = 0;
    int checkedOutside = 0;
    for (int y = 0; y < 64; y++) {
      for (int x = 0; x < 64; x++) {
        int left = sheet.getRGB(6 + 2 * x, panelY + 2 * y) & 0xffffff;
        int right = sheet.getRGB(panelX + 2 * x + 1, panelY + 2 * y + 1) & 0xffffff;
        int original = sample.image().get(x, y, 0) << 16 | sample.image().get(x, y, 1) << 8 | sample.image().get(x, y, 2);
        assertThat(left).isEqualTo(original);
        if (sample.mask().get(x, y)) {
          assertThat(right).isEqualTo(original);
          checkedInside++;
        } else if (!grownBox.containsPixel(x, y)) {
          assertThat(right >> 16 & 0xff).isEqualTo((original >> 16 & 0xff) / 4);
          checkedOutside++;
        }
      }
    }
    assertThat(checkedInside).isEqualTo(sample.mask().count());
    assertThat(checkedOutside).isGreaterThan(1000);
  }

  @Test
  void refusesImagesOfDifferentSizes() {
    List<LabelledImage> mixed = List.of(dataset.sample(0), new SyntheticDataset(2, 96).sample(0));
    assertThatThrownBy(() -> PreviewSheet.render(mixed, 2)).hasMessageContaining("share one size");
  }
}
