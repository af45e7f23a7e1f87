package org.gradcam4j.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.gradcam4j.error.GradCamException;
import org.gradcam4j.io.AtomicFiles;

/**
 * A small line-plot renderer (Java2D, headless): title, axes with "nice" ticks and grid lines, axis
 * labels, one coloured line per series (with point markers when it has few points) and a legend to
 * the right of the plot area. The x axis can
 * also be categorical (tick labels at 0, 1, 2, ...), e.g. the layers of a sanity check. NaN points
 * break a line. Enough for evaluation curves, without a charting dependency.
 */
public final class LinePlot {
  static {
    // Rendering into a BufferedImage needs no display; say so before AWT initialises.
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  /** Colour-blind-safe series colours (after Okabe and Ito), reused in turn. */
  private static final Color[] PALETTE = {
      new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
      new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 94, 240), new Color(150, 75, 40),
      new Color(100, 100, 100), new Color(190, 30, 45)};
  private static final Color BACKGROUND = Color.WHITE;
  private static final Color GRID = new Color(225, 225, 225);
  private static final Color AXIS = new Color(40, 40, 40);
  /** Series with at most this many points get a marker on each point. */
  private static final int MARKER_LIMIT = 25;

  private record Series(String name, double[] x, double[] y, Color color) {}

  /**
   * Where the plot area landed in an image of a given size, and how data maps to pixels.
   *
   * @param area the plot area in pixels
   */
  public record Layout(Rectangle area, double xMin, double xMax, double yMin, double yMax) {
    /** Pixel column of data {@code x}. */
    public double px(double x) {
      return area.x + (x - xMin) / (xMax - xMin) * area.width;
    }

    /** Pixel row of data {@code y}. */
    public double py(double y) {
      return area.y + area.height - (y - yMin) / (yMax - yMin) * area.height;
    }
  }

  private final String title;
  private final String xLabel;
  private final String yLabel;
  private final List<Series> series = new ArrayList<>();
  private double[] xRange;
  private double[] yRange;
  private List<String> categories;

  /** An empty plot with a title and axis labels (any of them may be empty). */
  public LinePlot(String title, String xLabel, String yLabel) {
    this.title = title;
    this.xLabel = xLabel;
    this.yLabel = yLabel;
  }

  /** Adds a line; its colour is the next of the palette. */
  public LinePlot addSeries(String name, double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x and " + y.length + " y values");
    }
    series.add(new Series(name, x.clone(), y.clone(), PALETTE[series.size() % PALETTE.length]));
    return this;
  }

  /** Fixes the x axis to {@code [min, max]} instead of fitting the data. */
  public LinePlot xRange(double min, double max) {
    checkRange(min, max);
    xRange = new double[] {min, max};
    return this;
  }

  /** Fixes the y axis to {@code [min, max]} instead of fitting the data. */
  public LinePlot yRange(double min, double max) {
    checkRange(min, max);
    yRange = new double[] {min, max};
    return this;
  }

  /** Makes the x axis categorical: ticks at 0, 1, ... labelled with {@code labels}. */
  public LinePlot xCategories(List<String> labels) {
    categories = List.copyOf(labels);
    return this;
  }

  /** The colour of series {@code index} (in the order added). */
  public static Color seriesColor(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** Where the plot area and the axes' ranges will be in a {@code width x height} rendering. */
  public Layout layout(int width, int height) {
    BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = scratch.createGraphics();
    try {
      return layout(g, width, height);
    } finally {
      g.dispose();
    }
  }

  /** Renders the plot. */
  public BufferedImage render(int width, int height) {
    if (width < 200 || height < 150) {
      throw new IllegalArgumentException("a plot needs at least 200x150 pixels, got " + width + "x" + height);
    }
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setColor(BACKGROUND);
      g.fillRect(0, 0, width, height);
      Layout layout = layout(g, width, height);
      drawAxes(g, layout);
      drawSeries(g, layout);
      drawLegend(g, layout);
      drawTitles(g, layout, width, height);
    } finally {
      g.dispose();
    }
    return img;
  }

  /** Renders and writes a PNG atomically. */
  public void writePng(Path file, int width, int height) {
    BufferedImage img = render(width, height);
    AtomicFiles.write(file, out -> {
      if (!ImageIO.write(img, "png", out)) {
        throw new IOException("no PNG writer available in this Java runtime");
      }
    });
  }

  private Font font(int style, float size) {
    return new Font(Font.SANS_SERIF, style, 1).deriveFont(size);
  }

  private Layout layout(Graphics2D g, int width, int height) {
    double[] xr = xRange != null ? xRange : fit(true);
    double[] yr = yRange != null ? yRange : fit(false);
    FontMetrics tickFm = g.getFontMetrics(font(Font.PLAIN, 12f));
    FontMetrics legendFm = g.getFontMetrics(font(Font.PLAIN, 12f));
    int yTickWidth = 0;
    for (double t : ticks(yr[0], yr[1])) {
      yTickWidth = Math.max(yTickWidth, tickFm.stringWidth(format(t, yr)));
    }
    int left = 18 + tickFm.getHeight() + yTickWidth + 8;
    int legendWidth = 0;
    for (Series s : series) {
      legendWidth = Math.max(legendWidth, legendFm.stringWidth(s.name()));
    }
    int right = series.isEmpty() ? 20 : Math.min(width / 3, legendWidth + 60);
    int top = title == null || title.isEmpty() ? 15 : 40;
    int xTickHeight = tickFm.getHeight();
    if (categories != null) {
      int longest = 0;
      for (String c : categories) {
        longest = Math.max(longest, tickFm.stringWidth(c));
      }
      // Categorical labels are drawn at 45 degrees when they would not fit side by side.
      xTickHeight = rotateCategories(tickFm, width - left - right) ? (int) (longest * 0.71) + 10 : xTickHeight;
    }
    int bottom = 12 + xTickHeight + tickFm.getHeight() + 12;
    Rectangle area = new Rectangle(left, top, Math.max(10, width - left - right), Math.max(10, height - top - bottom));
    return new Layout(area, xr[0], xr[1], yr[0], yr[1]);
  }

  private boolean rotateCategories(FontMetrics fm, int plotWidth) {
    if (categories == null || categories.isEmpty()) {
      return false;
    }
    int longest = 0;
    for (String c : categories) {
      longest = Math.max(longest, fm.stringWidth(c));
    }
    return longest + 6 > plotWidth / Math.max(1, categories.size());
  }

  private double[] fit(boolean xAxis) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (double v : xAxis ? s.x() : s.y()) {
        if (Double.isFinite(v)) {
          min = Math.min(min, v);
          max = Math.max(max, v);
        }
      }
    }
    if (xAxis && categories != null) {
      min = Math.min(min, 0);
      max = Math.max(max, categories.size() - 1);
    }
    if (min > max) {
      return new double[] {0, 1};
    }
    if (min == max) {
      return new double[] {min - 0.5, max + 0.5};
    }
    double pad = xAxis ? 0 : 0.05 * (max - min);
    return new double[] {min - pad, max + pad};
  }

  private void drawAxes(Graphics2D g, Layout l) {
    Rectangle a = l.area();
    Font tickFont = font(Font.PLAIN, 12f);
    g.setFont(tickFont);
    FontMetrics fm = g.getFontMetrics();
    g.setStroke(new BasicStroke(1f));
    double[] yr = {l.yMin(), l.yMax()};
    for (double t : ticks(l.yMin(), l.yMax())) {
      int y = (int) Math.round(l.py(t));
      g.setColor(GRID);
      g.drawLine(a.x, y, a.x + a.width, y);
      g.setColor(AXIS);
      g.drawLine(a.x - 4, y, a.x, y);
      String s = format(t, yr);
      g.drawString(s, a.x - 7 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
    }
    if (categories != null) {
      boolean rotate = rotateCategories(fm, a.width);
      for (int i = 0; i < categories.size(); i++) {
        if (i < l.xMin() || i > l.xMax()) {
          continue;
        }
        int x = (int) Math.round(l.px(i));
        g.setColor(GRID);
        g.drawLine(x, a.y, x, a.y + a.height);
        g.setColor(AXIS);
        g.drawLine(x, a.y + a.height, x, a.y + a.height + 4);
        String s = categories.get(i);
        if (rotate) {
          AffineTransform saved = g.getTransform();
          g.translate(x, a.y + a.height + 8);
          g.rotate(Math.toRadians(45));
          g.drawString(s, 0, fm.getAscent() / 2);
          g.setTransform(saved);
        } else {
          g.drawString(s, x - fm.stringWidth(s) / 2, a.y + a.height + 6 + fm.getAscent());
        }
      }
    } else {
      double[] xr = {l.xMin(), l.xMax()};
      for (double t : ticks(l.xMin(), l.xMax())) {
        int x = (int) Math.round(l.px(t));
        g.setColor(GRID);
        g.drawLine(x, a.y, x, a.y + a.height);
        g.setColor(AXIS);
        g.drawLine(x, a.y + a.height, x, a.y + a.height + 4);
        String s = format(t, xr);
        g.drawString(s, x - fm.stringWidth(s) / 2, a.y + a.height + 6 + fm.getAscent());
      }
    }
    g.setColor(AXIS);
    g.drawRect(a.x, a.y, a.width, a.height);
  }

  private void drawSeries(Graphics2D g, Layout l) {
    Rectangle a = l.area();
    java.awt.Shape oldClip = g.getClip();
    g.clipRect(a.x, a.y, a.width + 1, a.height + 1);
    g.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    for (Series s : series) {
      g.setColor(s.color());
      Path2D.Double path = new Path2D.Double();
      boolean open = false;
      int pointsInRun = 0;
      for (int i = 0; i < s.x().length; i++) {
        double x = s.x()[i];
        double y = s.y()[i];
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          open = false;
          continue;
        }
        if (open) {
          path.lineTo(l.px(x), l.py(y));
          pointsInRun++;
        } else {
          path.moveTo(l.px(x), l.py(y));
          open = true;
          pointsInRun = 1;
        }
        if (pointsInRun == 1 && (i + 1 >= s.x().length || !Double.isFinite(s.y()[i + 1]))) {
          // A lone point would be invisible as a path: mark it.
          g.fill(new java.awt.geom.Ellipse2D.Double(l.px(x) - 3, l.py(y) - 3, 6, 6));
        }
      }
      g.draw(path);
      if (s.x().length <= MARKER_LIMIT) {
        // Few points: mark each one, so that the measured positions are visible.
        for (int i = 0; i < s.x().length; i++) {
          if (Double.isFinite(s.x()[i]) && Double.isFinite(s.y()[i])) {
            g.fill(new java.awt.geom.Ellipse2D.Double(l.px(s.x()[i]) - 3, l.py(s.y()[i]) - 3, 6, 6));
          }
        }
      }
    }
    g.setClip(oldClip);
  }

  private void drawLegend(Graphics2D g, Layout l) {
    if (series.isEmpty()) {
      return;
    }
    Rectangle a = l.area();
    g.setFont(font(Font.PLAIN, 12f));
    FontMetrics fm = g.getFontMetrics();
    int x = a.x + a.width + 12;
    int y = a.y + 4;
    for (Series s : series) {
      g.setColor(s.color());
      g.setStroke(new BasicStroke(3f));
      int mid = y + fm.getHeight() / 2;
      g.drawLine(x, mid, x + 22, mid);
      g.setColor(AXIS);
      g.drawString(s.name(), x + 28, y + fm.getAscent());
      y += fm.getHeight() + 4;
    }
  }

  private void drawTitles(Graphics2D g, Layout l, int width, int height) {
    Rectangle a = l.area();
    g.setColor(AXIS);
    if (title != null && !title.isEmpty()) {
      g.setFont(font(Font.BOLD, 15f));
      FontMetrics fm = g.getFontMetrics();
      g.drawString(title, Math.max(4, a.x + a.width / 2 - fm.stringWidth(title) / 2), 12 + fm.getAscent());
    }
    g.setFont(font(Font.PLAIN, 13f));
    FontMetrics fm = g.getFontMetrics();
    if (xLabel != null && !xLabel.isEmpty()) {
      g.drawString(xLabel, a.x + a.width / 2 - fm.stringWidth(xLabel) / 2, height - 8 - fm.getDescent());
    }
    if (yLabel != null && !yLabel.isEmpty()) {
      AffineTransform saved = g.getTransform();
      g.translate(8 + fm.getAscent(), a.y + a.height / 2.0 + fm.stringWidth(yLabel) / 2.0);
      g.rotate(-Math.PI / 2);
      g.drawString(yLabel, 0, 0);
      g.setTransform(saved);
    }
  }

  /** Tick positions at a "nice" step (1, 2 or 5 times a power of ten), about five to ten of them. */
  static double[] ticks(double min, double max) {
    double step = niceStep((max - min) / 6);
    double first = Math.ceil(min / step - 1e-9) * step;
    List<Double> out = new ArrayList<>();
    for (double t = first; t <= max + step * 1e-9; t += step) {
      out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
      if (out.size() > 50) {
        break;
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double niceStep(double rough) {
    if (!(rough > 0) || !Double.isFinite(rough)) {
      return 1;
    }
    double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
    double f = rough / magnitude;
    double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
    return nice * magnitude;
  }

  private static String format(double v, double[] range) {
    double step = niceStep((range[1] - range[0]) / 6);
    int decimals = Math.max(0, (int) Math.ceil(-Math.log10(step) - 1e-9));
    return String.format(Locale.ROOT, "%." + Math.min(decimals, 8) + "f", v);
  }

  private static void checkRange(double min, double max) {
    if (!(max > min) || !Double.isFinite(min) || !Double.isFinite(max)) {
      throw new GradCamException("plot range must be finite with max > min, got [" + min + ", " + max + "]");
    }
  }
}
