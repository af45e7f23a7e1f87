package org.gradcam4j.inspect.embed.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;

/**
 * The pictures of an embedding: a scatter plot coloured by label (with a legend), a plot of the
 * images themselves at their map positions, and the sprite sheet (thumbnails in a grid, row-major) that
 * both the hover page and the TensorBoard projector use.
 */
public final class Pictures {
  /** Twenty distinguishable colours (a tab20-like palette, strong colours first). */
  private static final int[] PALETTE = {
    0x1f77b4, 0xff7f0e, 0x2ca02c, 0xd62728, 0x9467bd, 0x8c564b, 0xe377c2, 0x7f7f7f, 0xbcbd22, 0x17becf,
    0xaec7e8, 0xffbb78, 0x98df8a, 0xff9896, 0xc5b0d5, 0xc49c94, 0xf7b6d2, 0xc7c7c7, 0xdbdb8d, 0x9edae5
  };
  /** Largest sprite sheet side the TensorBoard projector accepts. */
  public static final int MAX_SPRITE_SIDE = 8192;

  private Pictures() {}

  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** The colour of label number {@code id} (0xRRGGBB); labels past twenty reuse colours. */
  public static int colour(int id) {
    return PALETTE[Math.floorMod(id, PALETTE.length)];
  }

  /** Map coordinates scaled into a square of {@code side} pixels with a margin: [n][2] pixel positions. */
  public static double[][] toPixels(double[][] xy, int side, int margin) {
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (double[] p : xy) {
      minX = Math.min(minX, p[0]);
      maxX = Math.max(maxX, p[0]);
      minY = Math.min(minY, p[1]);
      maxY = Math.max(maxY, p[1]);
    }
    double span = Math.max(Math.max(maxX - minX, maxY - minY), 1e-12);
    double scale = (side - 2.0 * margin) / span;
    double offX = margin + (side - 2.0 * margin - (maxX - minX) * scale) / 2;
    double offY = margin + (side - 2.0 * margin - (maxY - minY) * scale) / 2;
    double[][] out = new double[xy.length][2];
    for (int i = 0; i < xy.length; i++) {
      out[i][0] = offX + (xy[i][0] - minX) * scale;
      out[i][1] = side - (offY + (xy[i][1] - minY) * scale); // y up
    }
    return out;
  }

  /** A scatter plot, {@code side} pixels square plus a legend strip, points coloured by label. */
  public static RgbImage scatter(double[][] xy, int[] labelIds, List<String> labelNames, int side, String title) {
    int legendWidth = labelNames.size() > 1 ? 40 + 9 * Math.min(28, labelNames.stream()
        .mapToInt(String::length).max().orElse(4)) : 0;
    BufferedImage img = new BufferedImage(side + legendWidth, side, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    double[][] px = toPixels(xy, side, 30);
    double r = Math.max(1.5, Math.min(5, side / Math.sqrt(xy.length) / 4));
    for (int i = 0; i < xy.length; i++) {
      g.setColor(new Color((colour(labelIds[i]) & 0xffffff) | 0xb0000000, true));
      g.fill(new java.awt.geom.Ellipse2D.Double(px[i][0] - r, px[i][1] - r, 2 * r, 2 * r));
    }
    g.setColor(Color.DARK_GRAY);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
    if (title != null) {
      g.drawString(title, 10, 18);
    }
    g.setStroke(new BasicStroke(1));
    g.drawRect(0, 0, side - 1, side - 1);
    if (legendWidth > 0) {
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
      int y = 30;
      for (int l = 0; l < labelNames.size() && y < side - 10; l++, y += 20) {
        g.setColor(new Color(colour(l)));
        g.fillOval(side + 12, y - 10, 11, 11);
        g.setColor(Color.DARK_GRAY);
        String name = labelNames.get(l);
        g.drawString(name.length() > 28 ? name.substring(0, 27) + "…" : name, side + 30, y);
      }
    }
    g.dispose();
    return fromBuffered(img);
  }

  /** The images themselves drawn at their map positions (later points on top), {@code side} pixels square. */
  public static RgbImage imagePlot(double[][] xy, List<RgbImage> thumbnails, int side, int thumbSide) {
    RgbImage canvas = RgbImage.blank(side, side);
    java.util.Arrays.fill(canvas.pixels(), (byte) 0xff);
    double[][] px = toPixels(xy, side - thumbSide, 2);
    for (int i = 0; i < xy.length; i++) {
      RgbImage t = thumbnails.get(i);
      int ox = (int) Math.round(px[i][0]);
      int oy = (int) Math.round(px[i][1]);
      int s = Math.min(thumbSide, t.width());
      for (int y = 0; y < s && oy + y < side; y++) {
        for (int x = 0; x < s && ox + x < side; x++) {
          int sx = x * t.width() / s;
          int sy = y * t.height() / s;
          for (int c = 0; c < 3; c++) {
            canvas.set(ox + x, oy + y, c, t.get(sx, sy, c));
          }
        }
      }
    }
    return canvas;
  }

  /** Cells per row of a sprite sheet of {@code n} images. */
  public static int spriteColumns(int n) {
    return (int) Math.ceil(Math.sqrt(n));
  }

  /** The thumbnail side that fits {@code n} images in a sprite sheet of at most {@link #MAX_SPRITE_SIDE}. */
  public static int spriteCell(int n, int wanted) {
    return Math.max(1, Math.min(wanted, MAX_SPRITE_SIDE / spriteColumns(n)));
  }

  /** A sprite sheet: thumbnails scaled to {@code cell} pixels, row-major, {@link #spriteColumns} per row. */
  public static RgbImage sprite(List<RgbImage> thumbnails, int cell) {
    int n = thumbnails.size();
    int cols = spriteColumns(n);
    int rows = (n + cols - 1) / cols;
    RgbImage sheet = RgbImage.blank(cols * cell, rows * cell);
    for (int i = 0; i < n; i++) {
      RgbImage t = thumbnails.get(i);
      int ox = (i % cols) * cell;
      int oy = (i / cols) * cell;
      for (int y = 0; y < cell; y++) {
        for (int x = 0; x < cell; x++) {
          int sx = x * t.width() / cell;
          int sy = y * t.height() / cell;
          for (int c = 0; c < 3; c++) {
            sheet.set(ox + x, oy + y, c, t.get(sx, sy, c));
          }
        }
      }
    }
    return sheet;
  }

  /** A PNG as a {@code data:} URI, for pages that carry their pictures inline. */
  public static String dataUri(RgbImage image) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(PngWriter.encode(image));
  }

  /** A Java2D picture as an {@link RgbImage}. */
  public static RgbImage fromBuffered(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    RgbImage out = RgbImage.blank(w, h);
    int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
    byte[] px = out.pixels();
    for (int i = 0; i < argb.length; i++) {
      px[3 * i] = (byte) (argb[i] >> 16);
      px[3 * i + 1] = (byte) (argb[i] >> 8);
      px[3 * i + 2] = (byte) argb[i];
    }
    return out;
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
