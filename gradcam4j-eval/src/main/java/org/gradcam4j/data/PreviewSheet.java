package org.gradcam4j.data;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gradcam4j.eval.truth.AnnotatedObject;
import org.gradcam4j.eval.truth.Box;
import org.gradcam4j.image.RgbImage;

/**
 * A contact sheet for looking at labelled images: a grid of cells, each showing the image enlarged,
 * next to it the same image with everything outside the target masks dimmed and the boxes outlined
 * (yellow for the first object, cyan for the second), and the class names underneath.
 */
public final class PreviewSheet {
  private static final int PADDING = 6;
  private static final int TEXT_ZOOM = 2;
  private static final int CAPTION_HEIGHT = TinyFont.GLYPH_HEIGHT * TEXT_ZOOM + 6;
  private static final int SHEET_BACKGROUND = 0x202020;
  private static final int TEXT = 0xf0f0f0;
  private static final int[] BOX_COLOURS = {0xffe000, 0x00e0ff, 0xff40ff};
  private static final int TARGET_TILE_SIZE = 128;

  private PreviewSheet() {}

  /** Writes the sheet as a PNG (atomically), {@code columns} cells per row. */
  public static void write(Path file, List<LabelledImage> images, int columns) {
    PngFiles.write(file, render(images, columns));
  }

  /** The sheet as an image; all images must have the same size. */
  public static BufferedImage render(List<LabelledImage> images, int columns) {
    if (images.isEmpty()) {
      throw new IllegalArgumentException("a preview needs at least one image");
    }
    if (columns <= 0) {
      throw new IllegalArgumentException("columns must be positive, got " + columns);
    }
    int width = images.get(0).image().width();
    int height = images.get(0).image().height();
    for (LabelledImage li : images) {
      if (li.image().width() != width || li.image().height() != height) {
        throw new IllegalArgumentException("preview images must share one size: " + width + "x" + height
            + " and " + li.image().width() + "x" + li.image().height());
      }
    }
    int zoom = Math.max(1, TARGET_TILE_SIZE / Math.max(width, height));
    int tileW = width * zoom;
    int tileH = height * zoom;
    int cellW = 2 * tileW + PADDING;
    int cellH = tileH + CAPTION_HEIGHT;
    int rows = (images.size() + columns - 1) / columns;
    int cols = Math.min(columns, images.size());
    BufferedImage sheet = new BufferedImage(PADDING + cols * (cellW + PADDING), PADDING + rows * (cellH + PADDING),
        BufferedImage.TYPE_INT_RGB);
    fillRect(sheet, 0, 0, sheet.getWidth(), sheet.getHeight(), SHEET_BACKGROUND);
    for (int k = 0; k < images.size(); k++) {
      int x = PADDING + (k % columns) * (cellW + PADDING);
      int y = PADDING + (k / columns) * (cellH + PADDING);
      LabelledImage li = images.get(k);
      drawImage(sheet, li.image(), null, x, y, zoom);
      drawImage(sheet, li.image(), li.objects(), x + tileW + PADDING, y, zoom);
      for (int o = 0; o < li.objects().size(); o++) {
        // The benchmark's boxes lie on pixel edges, so the casts are exact.
        Box box = li.objects().get(o).box();
        outline(sheet, x + tileW + PADDING + (int) box.x0() * zoom - 1, y + (int) box.y0() * zoom - 1,
            (int) box.width() * zoom + 2, (int) box.height() * zoom + 2, BOX_COLOURS[o % BOX_COLOURS.length]);
      }
      String caption = caption(li);
      int maxChars = (cellW + 1) / ((TinyFont.GLYPH_WIDTH + 1) * TEXT_ZOOM);
      if (caption.length() > maxChars) {
        caption = caption.substring(0, maxChars);
      }
      TinyFont.draw(sheet, caption, x, y + tileH + 3, TEXT_ZOOM, TEXT);
    }
    return sheet;
  }

  private static String caption(LabelledImage li) {
    List<String> names = new ArrayList<>();
    for (AnnotatedObject o : li.objects()) {
      names.add(o.label());
    }
    return String.join(" + ", names);
  }

  /** Draws the image enlarged; with objects given, pixels outside every mask are dimmed. */
  private static void drawImage(BufferedImage sheet, RgbImage image, List<AnnotatedObject> objects, int x0,
      int y0, int zoom) {
    for (int y = 0; y < image.height(); y++) {
      for (int x = 0; x < image.width(); x++) {
        int r = image.get(x, y, 0);
        int g = image.get(x, y, 1);
        int b = image.get(x, y, 2);
        if (objects != null && !inAnyMask(objects, x, y)) {
          r = r / 4;
          g = g / 4;
          b = b / 4;
        }
        fillRect(sheet, x0 + x * zoom, y0 + y * zoom, zoom, zoom, r << 16 | g << 8 | b);
      }
    }
  }

  private static boolean inAnyMask(List<AnnotatedObject> objects, int x, int y) {
    for (AnnotatedObject o : objects) {
      if (o.mask().orElseThrow().get(x, y)) {
        return true;
      }
    }
    return false;
  }

  private static void outline(BufferedImage sheet, int x, int y, int w, int h, int rgb) {
    fillRect(sheet, x, y, w, 1, rgb);
    fillRect(sheet, x, y + h - 1, w, 1, rgb);
    fillRect(sheet, x, y, 1, h, rgb);
    fillRect(sheet, x + w - 1, y, 1, h, rgb);
  }

  private static void fillRect(BufferedImage sheet, int x, int y, int w, int h, int rgb) {
    for (int j = Math.max(0, y); j < Math.min(sheet.getHeight(), y + h); j++) {
      for (int i = Math.max(0, x); i < Math.min(sheet.getWidth(), x + w); i++) {
        sheet.setRGB(i, j, rgb);
      }
    }
  }
}
