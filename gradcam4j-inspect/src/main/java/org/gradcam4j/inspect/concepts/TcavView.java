package org.gradcam4j.inspect.concepts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.inspect.ImageFolder;
import org.gradcam4j.inspect.embed.render.Pictures;
import org.gradcam4j.io.AtomicFiles;
import org.gradcam4j.io.StrictJson;

/**
 * Shows a {@link Tcav.Result}: a table for the terminal, {@code tcav.json} for programs and
 * {@code tcav.png}, a bar per concept (mean TCAV score, error bar one standard deviation over the
 * repeats, "*" when significant, "n.s." when not) next to the random baseline's bar, whose mean is also
 * drawn as a dashed line across the chart.
 */
public final class TcavView {
  static {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
  }

  private static final Color SIGNIFICANT = new Color(0, 114, 178);
  private static final Color NOT_SIGNIFICANT = new Color(170, 190, 210);
  private static final Color RANDOM = new Color(150, 150, 150);
  private static final Color INK = new Color(40, 40, 40);

  private TcavView() {}

  public record Written(Path png, Path json) {}

  /** The result as a plain-text table, one row per concept and one for the random baseline. */
  public static String table(Tcav.Result r) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"concept", "images", "TCAV", "std", "CAV acc", "p-value", "significant"});
    for (Tcav.ConceptResult c : r.concepts()) {
      rows.add(new String[] {c.name(), Integer.toString(c.images()), f3(c.scores().mean()), f3(c.scores().std()),
          f3(c.scores().meanAccuracy()), pValue(c.test().p()), c.significant() ? "yes" : "no"});
    }
    rows.add(new String[] {"(random)", Integer.toString(r.randomSetSize()), f3(r.baseline().mean()),
        f3(r.baseline().std()), f3(r.baseline().meanAccuracy()), "", "baseline"});
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    sb.append("TCAV of class ").append(r.input().classIndex()).append(" (").append(r.input().className())
        .append(") at layer '").append(r.input().layer()).append(r.settings().channelMeans() ? "' (channel means), " : "', ").append(r.classImages()).append(" class images, ")
        .append(r.settings().repeats()).append(" repeats, significant when p < ").append(r.settings().alpha())
        .append('\n');
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        String cell = i == 0 ? pad(row[i], width[i], true) : pad(row[i], width[i], false);
        sb.append(i == 0 ? "" : "  ").append(cell);
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes {@code tcav.png} and {@code tcav.json} into {@code outDir}, each whole or not at all. */
  public static Written write(Tcav.Result r, Path outDir) {
    Path png = outDir.resolve("tcav.png");
    Path json = outDir.resolve("tcav.json");
    byte[] pngBytes = PngWriter.encode(plot(r));
    byte[] jsonBytes = StrictJson.write(json(r));
    AtomicFiles.write(json, jsonBytes);
    AtomicFiles.write(png, pngBytes);
    return new Written(png, json);
  }

  static Map<String, Object> json(Tcav.Result r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("layer", r.input().layer());
    out.put("scoreTensor", r.input().scoreTensor());
    out.put("class", r.input().classIndex());
    out.put("className", r.input().className());
    out.put("classImages", r.classImages());
    out.put("classFolder", String.valueOf(r.input().classImages().folder()));
    out.put("random", r.input().random().describe());
    out.put("randomSetSize", r.randomSetSize());
    out.put("repeats", r.settings().repeats());
    out.put("channelMeans", r.settings().channelMeans());
    out.put("l2", r.settings().l2());
    out.put("alpha", r.settings().alpha());
    out.put("seed", r.settings().seed());
    out.put("definition", "TCAV score: fraction of the class images whose class score grows along the concept"
        + " activation vector (gradient of the score w.r.t. the layer . CAV > 0), one per repeat (a random set"
        + " each); p: two-sided Welch t-test of the concept's scores against the random baseline's");
    List<Map<String, Object>> concepts = new ArrayList<>();
    for (Tcav.ConceptResult c : r.concepts()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("name", c.name());
      e.put("folder", String.valueOf(c.folder()));
      e.put("images", c.images());
      putScores(e, c.scores());
      e.put("t", finiteOrNull(c.test().t()));
      e.put("degreesOfFreedom", finiteOrNull(c.test().degreesOfFreedom()));
      e.put("p", c.test().p());
      e.put("significant", c.significant());
      concepts.add(e);
    }
    out.put("concepts", concepts);
    Map<String, Object> base = new LinkedHashMap<>();
    putScores(base, r.baseline());
    out.put("randomBaseline", base);
    List<Map<String, Object>> skipped = new ArrayList<>();
    for (ImageFolder.Skipped s : r.skipped()) {
      skipped.add(Map.of("file", s.file().toString(), "reason", s.reason()));
    }
    out.put("skipped", skipped);
    out.put("notes", r.notes());
    return out;
  }

  private static void putScores(Map<String, Object> e, Tcav.Scores s) {
    e.put("mean", s.mean());
    e.put("std", s.std());
    e.put("scores", s.scores());
    e.put("cavAccuracy", s.meanAccuracy());
    e.put("cavAccuracies", s.accuracies());
  }

  private static Object finiteOrNull(double v) {
    return Double.isFinite(v) ? v : null;
  }

  /** The bar chart. */
  static RgbImage plot(Tcav.Result r) {
    int bars = r.concepts().size() + 1;
    int barWidth = 56;
    int gap = 34;
    int left = 64;
    int top = 56;
    int plotHeight = 260;
    int bottom = 70;
    int width = Math.max(360, left + bars * (barWidth + gap) + gap);
    int height = top + plotHeight + bottom;
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
    Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.setColor(INK);
    g.drawString("TCAV scores for class '" + r.input().className() + "'", 12, 20);
    g.setFont(small);
    g.drawString(shorten("layer " + r.input().layer() + ", " + r.settings().repeats() + " repeats, mean \u00b1 1 std;"
        + " * p < " + r.settings().alpha(), 90), 12, 38);
    // Axis and grid: scores are fractions, 0 to 1.
    int plotRight = width - 12;
    for (int t = 0; t <= 4; t++) {
      double v = t / 4.0;
      int y = yOf(v, top, plotHeight);
      g.setColor(new Color(228, 228, 228));
      g.drawLine(left, y, plotRight, y);
      g.setColor(INK);
      String label = String.format(Locale.ROOT, "%.2f", v);
      g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), y + 4);
    }
    g.drawLine(left, top, left, top + plotHeight);
    g.drawLine(left, top + plotHeight, plotRight, top + plotHeight);
    List<String> names = new ArrayList<>();
    List<Tcav.Scores> scores = new ArrayList<>();
    List<Color> colours = new ArrayList<>();
    List<String> marks = new ArrayList<>();
    for (Tcav.ConceptResult c : r.concepts()) {
      names.add(c.name());
      scores.add(c.scores());
      colours.add(c.significant() ? SIGNIFICANT : NOT_SIGNIFICANT);
      marks.add(c.significant() ? "*" : "n.s.");
    }
    names.add("(random)");
    scores.add(r.baseline());
    colours.add(RANDOM);
    marks.add("");
    FontMetrics fm = g.getFontMetrics();
    for (int i = 0; i < bars; i++) {
      int x = left + gap + i * (barWidth + gap);
      double mean = scores.get(i).mean();
      double std = scores.get(i).std();
      int y = yOf(mean, top, plotHeight);
      g.setColor(colours.get(i));
      g.fillRect(x, y, barWidth, top + plotHeight - y);
      g.setColor(INK);
      g.setStroke(new BasicStroke(1.5f));
      int cx = x + barWidth / 2;
      int hi = yOf(Math.min(1, mean + std), top, plotHeight);
      int lo = yOf(Math.max(0, mean - std), top, plotHeight);
      g.drawLine(cx, hi, cx, lo);
      g.drawLine(cx - 6, hi, cx + 6, hi);
      g.drawLine(cx - 6, lo, cx + 6, lo);
      g.setStroke(new BasicStroke(1));
      String mark = marks.get(i);
      g.drawString(mark, cx - fm.stringWidth(mark) / 2, Math.min(hi, y) - 6);
      String name = shorten(names.get(i), 12);
      g.drawString(name, cx - fm.stringWidth(name) / 2, top + plotHeight + 18);
      String value = String.format(Locale.ROOT, "%.2f", mean);
      g.drawString(value, cx - fm.stringWidth(value) / 2, top + plotHeight + 34);
    }
    int baseY = yOf(r.baseline().mean(), top, plotHeight);
    g.setColor(RANDOM.darker());
    g.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1, new float[] {6, 4}, 0));
    g.drawLine(left, baseY, plotRight, baseY);
    g.dispose();
    return Pictures.fromBuffered(img);
  }

  private static int yOf(double v, int top, int plotHeight) {
    return top + (int) Math.round((1 - Math.max(0, Math.min(1, v))) * plotHeight);
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "\u2026";
  }

  private static String f3(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String pValue(double p) {
    return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
  }

  private static String pad(String s, int width, boolean left) {
    String fill = " ".repeat(Math.max(0, width - s.length()));
    return left ? s + fill : fill + s;
  }
}
