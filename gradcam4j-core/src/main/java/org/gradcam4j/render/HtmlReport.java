package org.gradcam4j.render;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.gradcam4j.image.PngWriter;
import org.gradcam4j.image.RgbImage;
import org.gradcam4j.io.AtomicFiles;

/**
 * A self-contained HTML page (images embedded as data URIs, no scripts, no external files) showing a
 * grid of images x methods with captions, which opens in any browser and can be mailed as one file.
 */
public final class HtmlReport {
  /** One picture with its caption. */
  public record Figure(RgbImage image, String caption) {}

  /** One row: the image's name and its figures, one per column. */
  public record Row(String name, List<Figure> figures) {}

  private final String title;
  private final List<String> notes = new ArrayList<>();
  private final List<String> columns;
  private final List<Row> rows = new ArrayList<>();

  public HtmlReport(String title, List<String> columns) {
    this.title = title;
    this.columns = List.copyOf(columns);
  }

  /** A line of text shown under the title (model, settings, timings). */
  public HtmlReport note(String text) {
    notes.add(text);
    return this;
  }

  public HtmlReport addRow(Row row) {
    if (row.figures().size() != columns.size()) {
      throw new IllegalArgumentException("a row needs " + columns.size() + " figures, got " + row.figures().size());
    }
    rows.add(row);
    return this;
  }

  public String toHtml() {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(escape(title)).append("</title>\n<style>\n")
        .append("body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;color:#222;background:#fafafa}\n")
        .append("table{border-collapse:collapse}th,td{padding:6px;vertical-align:top;text-align:center}\n")
        .append("th{font-weight:600;border-bottom:1px solid #ccc}td.name{text-align:left;font-family:monospace}\n")
        .append("figure{margin:0}img{display:block;image-rendering:auto}figcaption{font-size:12px;max-width:240px}\n")
        .append(".note{color:#555;font-size:13px;margin:2px 0}\n</style>\n</head>\n<body>\n<h1>")
        .append(escape(title)).append("</h1>\n");
    for (String n : notes) {
      h.append("<p class=\"note\">").append(escape(n)).append("</p>\n");
    }
    h.append("<table>\n<tr><th>image</th>");
    for (String c : columns) {
      h.append("<th>").append(escape(c)).append("</th>");
    }
    h.append("</tr>\n");
    for (Row r : rows) {
      h.append("<tr><td class=\"name\">").append(escape(r.name())).append("</td>");
      for (Figure f : r.figures()) {
        h.append("<td><figure><img alt=\"").append(escape(r.name())).append("\" width=\"")
            .append(f.image().width()).append("\" height=\"").append(f.image().height())
            .append("\" src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(PngWriter.encode(f.image())))
            .append("\"><figcaption>").append(escape(f.caption())).append("</figcaption></figure></td>");
      }
      h.append("</tr>\n");
    }
    h.append("</table>\n</body>\n</html>\n");
    return h.toString();
  }

  public void write(Path file) {
    AtomicFiles.writeString(file, toHtml());
  }

  static String escape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
