package org.gradcam4j.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MontageTest {
  private static final int TILE = 64;

  private static RgbImage tile(int seed) {
    RgbImage img = RgbImage.blank(TILE, TILE);
    for (int y = 0; y < TILE; y++) {
      for (int x = 0; x < TILE; x++) {
        img.set(x, y, 0, (x * 4 + seed * 40) % 256);
        img.set(x, y, 1, (y * 4 + seed * 70) % 256);
        img.set(x, y, 2, (seed * 90) % 256);
      }
    }
    return img;
  }

  private static Montage twoByThree() {
    Montage m = new Montage(TILE, TILE, List.of("photo", "GradCAM", "LayerCAM"));
    m.addRow(List.of(new Montage.Cell(tile(0), "chelsea"), new Montage.Cell(tile(1), "Egyptian cat 0.40"),
        new Montage.Cell(tile(2), "Egyptian cat 0.40")));
    m.addRow(List.of(new Montage.Cell(tile(3), "coffee"), new Montage.Cell(tile(4), "espresso 0.97"),
        new Montage.Cell(tile(5), "a caption far too long to fit under a tile of sixty-four pixels")));
    return m;
  }

  @Test
  void gridHasRoomForEveryTileAndItsText() {
    Montage m = twoByThree();
    RgbImage sheet = m.render();
    assertThat(sheet.width()).isEqualTo(m.width());
    assertThat(sheet.height()).isEqualTo(m.height());
    assertThat(sheet.width()).isGreaterThan(3 * TILE);
    assertThat(sheet.height()).isGreaterThan(2 * TILE);
    Montage.Position first = m.tileOrigin(0, 0);
    Montage.Position right = m.tileOrigin(0, 1);
    Montage.Position below = m.tileOrigin(1, 0);
    Montage.Position last = m.tileOrigin(1, 2);
    assertThat(first.y()).as("room for the column headers").isGreaterThan(10);
    assertThat(right.x()).isGreaterThanOrEqualTo(first.x() + TILE);
    assertThat(right.y()).isEqualTo(first.y());
    assertThat(below.y()).as("room for the captions").isGreaterThan(first.y() + TILE + 10);
    assertThat(last.x() + TILE).isLessThanOrEqualTo(sheet.width());
    assertThat(last.y() + TILE).isLessThan(sheet.height());
  }

  @Test
  void tilesArePastedPixelForPixel() {
    Montage m = twoByThree();
    RgbImage sheet = m.render();
    for (int r = 0; r < 2; r++) {
      for (int c = 0; c < 3; c++) {
        Montage.Position p = m.tileOrigin(r, c);
        RgbImage expected = tile(r * 3 + c);
        assertThat(Resizing.crop(sheet, p.x(), p.y(), TILE, TILE).pixels()).as("tile (%d, %d)", r, c)
            .isEqualTo(expected.pixels());
      }
    }
  }

  @Test
  void headersAndCaptionsAreDrawnOnALightBackground() {
    Montage m = twoByThree();
    RgbImage sheet = m.render();
    Montage.Position p = m.tileOrigin(0, 1);
    assertThat(darkPixels(Resizing.crop(sheet, p.x(), 0, TILE, p.y()))).as("header ink").isGreaterThan(20);
    assertThat(darkPixels(Resizing.crop(sheet, p.x(), p.y() + TILE, TILE, m.tileOrigin(1, 1).y() - p.y() - TILE)))
        .as("caption ink").isGreaterThan(20);
    assertThat(sheet.get(0, 0, 0)).as("background").isGreaterThan(230);
    assertThat(sheet.get(sheet.width() - 1, sheet.height() - 1, 2)).isGreaterThan(230);
  }

  @Test
  void tilesOfAnotherSizeAreScaledToFit() {
    Montage m = new Montage(TILE, TILE, List.of("photo"));
    RgbImage wide = TestImages.filled(128, 32, 10, 200, 30);
    m.addRow(List.of(new Montage.Cell(wide, "")));
    RgbImage sheet = m.render();
    Montage.Position p = m.tileOrigin(0, 0);
    // 128x32 -> 64x16, centred vertically: rows 24..39 of the tile
    assertThat(sheet.get(p.x() + 5, p.y() + 30, 1)).isEqualTo(200);
    assertThat(sheet.get(p.x() + 5, p.y() + 5, 1)).isGreaterThan(230);
  }

  @Test
  void rowsNeedOneCellPerColumn() {
    Montage m = new Montage(TILE, TILE, List.of("photo", "GradCAM"));
    assertThatThrownBy(() -> m.addRow(List.of(new Montage.Cell(tile(0), "x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 cells");
  }

  private static int darkPixels(RgbImage img) {
    int n = 0;
    for (int y = 0; y < img.height(); y++) {
      for (int x = 0; x < img.width(); x++) {
        if (img.get(x, y, 0) < 128) {
          n++;
        }
      }
    }
    return n;
  }
}
