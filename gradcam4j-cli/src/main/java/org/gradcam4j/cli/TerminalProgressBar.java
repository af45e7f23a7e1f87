package org.gradcam4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.gradcam4j.zoo.ProgressListener;

/**
 * Shows download progress on a terminal. On an interactive terminal it redraws one line in place
 * (carriage return), at most ten times a second:
 *
 * <pre>resnet50-v1-7.tar.gz [=========&gt;          ]  45%   41.0/91.0 MiB  5.2 MiB/s  0:10 left</pre>
 *
 * When the output goes to a file or a CI log, where carriage returns would pile up, it prints a
 * plain line at every tenth of the download instead (or every 10 MiB when the size is unknown).
 */
public final class TerminalProgressBar implements ProgressListener {
  private static final long REDRAW_NANOS = 100_000_000L;
  private static final int BAR_WIDTH = 24;
  private static final double MIB = 1024.0 * 1024.0;
  private static final long UNKNOWN_TOTAL_STEP = 10L * 1024 * 1024;

  private final PrintStream out;
  private final boolean interactive;
  private final LongSupplier nanoTime;

  private String fileName = "";
  private long startNanos;
  private long startBytes;
  private long lastDrawNanos;
  private long lastBytes;
  private long total = -1;
  private long nextReport;
  private int drawnWidth;

  /**
   * @param out where to print (normally standard error, so that standard output stays clean)
   * @param interactive true to redraw one line in place, false for occasional plain lines
   * @param nanoTime the clock ({@code System::nanoTime}; replaceable for tests)
   */
  public TerminalProgressBar(PrintStream out, boolean interactive, LongSupplier nanoTime) {
    this.out = out;
    this.interactive = interactive;
    this.nanoTime = nanoTime;
  }

  /**
   * A progress bar on standard error, drawn in place when the program runs in a terminal.
   * ({@link System#console()} is null when input or output is redirected, which is the case in
   * pipes, CI jobs and IDE consoles that do not handle carriage returns well.)
   */
  public static TerminalProgressBar forStderr() {
    return new TerminalProgressBar(System.err, System.console() != null, System::nanoTime);
  }

  @Override
  public synchronized void started(String fileName, long totalBytes, long resumedFrom) {
    this.fileName = fileName;
    this.total = totalBytes;
    this.startNanos = nanoTime.getAsLong();
    this.startBytes = resumedFrom;
    this.lastBytes = resumedFrom;
    this.lastDrawNanos = Long.MIN_VALUE;
    this.drawnWidth = 0;
    String size = totalBytes > 0 ? " (" + mib(totalBytes) + " MiB)" : "";
    if (resumedFrom > 0) {
      out.println("Resuming the download of " + fileName + size + " at " + mib(resumedFrom) + " MiB");
    } else if (!interactive) {
      out.println("Downloading " + fileName + size);
    }
    nextReport = nextReportAfter(resumedFrom);
    out.flush();
  }

  @Override
  public synchronized void progress(long bytesDone, long totalBytes) {
    lastBytes = bytesDone;
    total = totalBytes;
    long now = nanoTime.getAsLong();
    if (interactive) {
      if (lastDrawNanos == Long.MIN_VALUE || now - lastDrawNanos >= REDRAW_NANOS || bytesDone == totalBytes) {
        draw(now);
      }
      return;
    }
    if (bytesDone >= nextReport && (totalBytes <= 0 || bytesDone < totalBytes)) {
      out.println(fileName + ": " + (totalBytes > 0 ? percent(bytesDone, totalBytes) + "% (" + mib(bytesDone) + " of "
          + mib(totalBytes) + " MiB)" : mib(bytesDone) + " MiB"));
      out.flush();
      nextReport = nextReportAfter(bytesDone);
    }
  }

  @Override
  public synchronized void finished(boolean success) {
    long now = nanoTime.getAsLong();
    if (interactive) {
      if (drawnWidth > 0 || success) {
        draw(now);
        out.println();
      }
    }
    double seconds = (now - startNanos) / 1e9;
    out.println(success
        ? fileName + ": downloaded " + mib(lastBytes - startBytes) + " MiB in " + duration(seconds)
        : fileName + ": stopped at " + mib(lastBytes) + (total > 0 ? " of " + mib(total) : "") + " MiB");
    out.flush();
    drawnWidth = 0;
  }

  @Override
  public synchronized void note(String message) {
    if (interactive && drawnWidth > 0) {
      out.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
      lastDrawNanos = Long.MIN_VALUE; // redraw the bar on the next update, below the note
    }
    out.println(message);
    out.flush();
  }

  private void draw(long now) {
    StringBuilder line = new StringBuilder(fileName).append(' ');
    if (total > 0) {
      int filled = (int) (BAR_WIDTH * Math.min(1.0, (double) lastBytes / total));
      line.append('[').append("=".repeat(filled));
      if (filled < BAR_WIDTH) {
        line.append('>').append(" ".repeat(BAR_WIDTH - filled - 1));
      }
      line.append("] ").append(String.format(Locale.ROOT, "%3d%%", percent(lastBytes, total)))
          .append(String.format(Locale.ROOT, "  %s/%s MiB", mib(lastBytes), mib(total)));
    } else {
      line.append(mib(lastBytes)).append(" MiB");
    }
    double seconds = (now - startNanos) / 1e9;
    if (seconds > 0.5 && lastBytes > startBytes) {
      double rate = (lastBytes - startBytes) / seconds;
      line.append(String.format(Locale.ROOT, "  %.1f MiB/s", rate / MIB));
      if (total > 0 && lastBytes < total) {
        line.append("  ").append(duration((total - lastBytes) / rate)).append(" left");
      }
    }
    int width = line.length();
    // Pad with spaces so that a shorter line fully covers the previous one.
    out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - width)));
    out.flush();
    drawnWidth = width;
    lastDrawNanos = now;
  }

  private long nextReportAfter(long bytes) {
    if (total > 0) {
      long tenth = Math.max(1, total / 10);
      return (bytes / tenth + 1) * tenth;
    }
    return (bytes / UNKNOWN_TOTAL_STEP + 1) * UNKNOWN_TOTAL_STEP;
  }

  private static int percent(long done, long total) {
    return (int) Math.min(100, done * 100 / total);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / MIB);
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
