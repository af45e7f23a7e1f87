package org.gradcam4j.eval.report;

import java.nio.file.Path;
import org.gradcam4j.math.Summary;
import org.gradcam4j.io.AtomicFiles;

/**
 * Writes a {@link ResultsTable} (atomically) as a Markdown table for people, with cells
 * {@code mean [lo, hi]}, or as CSV for programs, with the numbers in separate columns
 * ({@code method, <metric>, <metric> lo, <metric> hi, <metric> n, ...}) so that no one has to parse
 * the bracketed text back. Empty cells (no values) are {@code n/a} in Markdown and empty in CSV.
 */
public final class ResultsTableWriter {
  private final int decimals;

  /** @param decimals digits after the decimal point in the Markdown table */
  public ResultsTableWriter(int decimals) {
    if (decimals < 0 || decimals > 12) {
      throw new IllegalArgumentException("decimals must be in 0..12, got " + decimals);
    }
    this.decimals = decimals;
  }

  /** Three decimals. */
  public ResultsTableWriter() {
    this(3);
  }

  /** The Markdown text. */
  public String markdown(ResultsTable table) {
    StringBuilder sb = new StringBuilder();
    sb.append("| method |");
    for (String metric : table.metrics()) {
      sb.append(' ').append(escapeMarkdown(metric)).append(" |");
    }
    sb.append("\n|---|");
    for (int i = 0; i < table.metrics().size(); i++) {
      sb.append("---:|");
    }
    sb.append('\n');
    for (String method : table.methods()) {
      sb.append("| ").append(escapeMarkdown(method)).append(" |");
      for (String metric : table.metrics()) {
        String cell = table.get(method, metric).map(s -> s.format(decimals)).orElse("n/a");
        sb.append(' ').append(cell).append(" |");
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** The CSV text. */
  public String csv(ResultsTable table) {
    StringBuilder sb = new StringBuilder("method");
    for (String metric : table.metrics()) {
      sb.append(',').append(csvField(metric)).append(',').append(csvField(metric + " lo"))
          .append(',').append(csvField(metric + " hi")).append(',').append(csvField(metric + " n"));
    }
    sb.append('\n');
    for (String method : table.methods()) {
      sb.append(csvField(method));
      for (String metric : table.metrics()) {
        Summary s = table.get(method, metric).orElse(Summary.empty());
        sb.append(',').append(number(s.mean())).append(',').append(number(s.lo()))
            .append(',').append(number(s.hi())).append(',').append(s.n());
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Writes the Markdown text to {@code file} (atomically). */
  public void writeMarkdown(Path file, ResultsTable table) {
    AtomicFiles.writeString(file, markdown(table));
  }

  /** Writes the CSV text to {@code file} (atomically). */
  public void writeCsv(Path file, ResultsTable table) {
    AtomicFiles.writeString(file, csv(table));
  }

  private static String number(double v) {
    // Full precision, locale-independent; empty for "no value".
    return Double.isNaN(v) ? "" : Double.toString(v);
  }

  static String csvField(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  private static String escapeMarkdown(String s) {
    return s.replace("|", "\\|").replace('\n', ' ').replace('\r', ' ');
  }
}
