package org.gradcam4j.image;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * A comparison sheet: one row per input image, one column per panel (typically the photo, then one
 * explanation per method). Every cell is a tile of the same size with a caption under it (e.g.
 * "tabby cat 0.87"), and each column has a header (e.g. the method name). Tiles are copied pixel
 * for pixel when they have the tile size and scaled to fit (keeping their aspect ratio) otherwise.
 *
 * <pre>{@code
 * Montage sheet = new Montage(224, 224, List.of("photo", "GradCAM", "LayerCAM"));
 * sheet.addRow(List.of(new Montage.Cell(photo, "chelsea"), new Montage.Cell(gradcam, "Egyptian cat 0.40"), ...));
 * PngWriter.write(out, sheet.render());
 * }</pre>
 */
public final class Montage {
  static {
    Headless.ensure();
  }

  private static final int MARGIN = 12;
  private static final int GAP = 10;
  private static final int TEXT_PAD = 4;
  private static final Color BACKGROUND = new Color(0xf5, 0xf5, 0xf2);
  private static final Color TEXT = new Color(0x1e, 0x1e, 0x1e);
  private static final Color CAPTION = new Color(0x40, 0x40, 0x40);

  /** One cell: its image and the caption drawn under it (may be empty). */
  public record Cell(RgbImage image, String caption) {
    public Cell {
      if (image == null) {
        throw new IllegalArgumentException("a montage cell needs an image");
      }
      caption = caption == null ? "" : caption;
    }
  }

  /** The top-left pixel of a tile in the rendered image. */
  public record Position(int x, int y) {}

  private final int tileWidth;
  private final int tileHeight;
  private final List<String> headers;
  private final List<List<Cell>> rows = new ArrayList<>();
  private final Font headerFont;
  private final Font captionFont;

  /**
   * An empty montage whose cells are {@code tileWidth} x {@code tileHeight} and whose columns carry
   * {@code columnHeaders}.
   */
  public Montage(int tileWidth, int tileHeight, List<String> columnHeaders) {
    if (tileWidth <= 0 || tileHeight <= 0) {
      throw new IllegalArgumentException("tile size must be positive, got " + tileWidth + "x" + tileHeight);
    }
    if (columnHeaders.isEmpty()) {
      throw new IllegalArgumentException("a montage needs at least one column");
    }
    this.tileWidth = tileWidth;
    this.tileHeight = tileHeight;
    this.headers = List.copyOf(columnHeaders);
    // Text grows with the tiles but stays readable on small ones.
    int size = Math.max(11, Math.round(tileWidth / 16f));
    String family = FontFamily.SANS;
    this.headerFont = new Font(family, Font.BOLD, size + 1);
    this.captionFont = new Font(family, Font.PLAIN, size);
  }

  /** Appends a row; it must have one cell per column. Returns this montage. */
  public Montage addRow(List<Cell> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells (one per column), got " + cells.size());
    }
    rows.add(List.copyOf(cells));
    return this;
  }

  public int rowCount() {
    return rows.size();
  }

  public int columnCount() {
    return headers.size();
  }

  /** Width of the rendered image in pixels. */
  public int width() {
    return 2 * MARGIN + headers.size() * tileWidth + (headers.size() - 1) * GAP;
  }

  /** Height of the rendered image in pixels. */
  public int height() {
    int n = Math.max(rows.size(), 1);
    return 2 * MARGIN + headerHeight() + n * (tileHeight + captionHeight()) + (n - 1) * GAP;
  }

  /** Where the tile of ({@code row}, {@code column}) starts in the rendered image. */
  public Position tileOrigin(int row, int column) {
    if (row < 0 || row >= Math.max(rows.size(), 1) || column < 0 || column >= headers.size()) {
      throw new IndexOutOfBoundsException("no cell (" + row + ", " + column + ") in a montage of " + rows.size()
          + " rows and " + headers.size() + " columns");
    }
    int x = MARGIN + column * (tileWidth + GAP);
    int y = MARGIN + headerHeight() + row * (tileHeight + captionHeight() + GAP);
    return new Position(x, y);
  }

  /** Draws the sheet. */
  public RgbImage render() {
    BufferedImage canvas = new BufferedImage(width(), height(), BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = canvas.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, canvas.getWidth(), canvas.getHeight());
      g.setColor(TEXT);
      g.setFont(headerFont);
      for (int c = 0; c < headers.size(); c++) {
        drawCentred(g, headers.get(c), MARGIN + c * (tileWidth + GAP), MARGIN, headerHeight());
      }
      g.setColor(CAPTION);
      g.setFont(captionFont);
      for (int r = 0; r < rows.size(); r++) {
        for (int c = 0; c < headers.size(); c++) {
          Position p = tileOrigin(r, c);
          drawCentred(g, rows.get(r).get(c).caption(), p.x(), p.y() + tileHeight, captionHeight());
        }
      }
    } finally {
      g.dispose();
    }
    // Tiles are copied as raw pixels: drawing them through Graphics2D could resample or dither.
    for (int r = 0; r < rows.size(); r++) {
      for (int c = 0; c < headers.size(); c++) {
        Position p = tileOrigin(r, c);
        pasteFitted(canvas, rows.get(r).get(c).image(), p.x(), p.y());
      }
    }
    return BufferedImages.fromBgr(canvas);
  }

  private int headerHeight() {
    return lineHeight(headerFont) + 2 * TEXT_PAD;
  }

  private int captionHeight() {
    return lineHeight(captionFont) + 2 * TEXT_PAD;
  }

  private static int lineHeight(Font font) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = scratch.createGraphics();
    try {
      FontMetrics m = g.getFontMetrics(font);
      return m.getAscent() + m.getDescent();
    } finally {
      g.dispose();
    }
  }

  /** Draws one line centred in the column, shortened with an ellipsis when it is too wide. */
  private void drawCentred(Graphics2D g, String text, int x, int top, int height) {
    if (text.isEmpty()) {
      return;
    }
    FontMetrics m = g.getFontMetrics();
    String shown = fit(text, m, tileWidth);
    int textWidth = m.stringWidth(shown);
    int baseline = top + TEXT_PAD + m.getAscent() + (height - 2 * TEXT_PAD - m.getAscent() - m.getDescent()) / 2;
    g.drawString(shown, x + Math.max(0, (tileWidth - textWidth) / 2), baseline);
  }

  private static String fit(String text, FontMetrics m, int width) {
    if (m.stringWidth(text) <= width) {
      return text;
    }
    String ellipsis = "\u2026";
    int end = text.length();
    while (end > 0 && m.stringWidth(text.substring(0, end) + ellipsis) > width) {
      end--;
    }
    return text.substring(0, end) + ellipsis;
  }

  /** Copies a tile; one of another size is scaled to fit and centred on the background. */
  private void pasteFitted(BufferedImage canvas, RgbImage tile, int x, int y) {
    RgbImage image = tile;
    int dx = 0;
    int dy = 0;
    if (tile.width() != tileWidth || tile.height() != tileHeight) {
      double scale = Math.min(tileWidth / (double) tile.width(), tileHeight / (double) tile.height());
      int w = Math.max(1, Math.min(tileWidth, (int) Math.round(tile.width() * scale)));
      int h = Math.max(1, Math.min(tileHeight, (int) Math.round(tile.height() * scale)));
      image = Resizing.resize(tile, w, h);
      dx = (tileWidth - w) / 2;
      dy = (tileHeight - h) / 2;
    }
    int[] row = new int[image.width()];
    byte[] px = image.pixels();
    for (int j = 0; j < image.height(); j++) {
      for (int i = 0; i < image.width(); i++) {
        int o = (j * image.width() + i) * 3;
        row[i] = (px[o] & 0xff) << 16 | (px[o + 1] & 0xff) << 8 | (px[o + 2] & 0xff);
      }
      canvas.setRGB(x + dx, y + dy + j, image.width(), 1, row, 0, image.width());
    }
  }

  /**
   * DejaVu Sans where installed (the usual font on Linux), otherwise the logical sans-serif font.
   * Looked up once: listing the installed fonts is slow.
   */
  private static final class FontFamily {
    static final String SANS = Set.copyOf(Arrays.asList(
        GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames())).contains("DejaVu Sans")
            ? "DejaVu Sans" : Font.SANS_SERIF;
  }
}
