package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.gradcam4j.eval.run.EvaluationProgress;
import org.gradcam4j.zoo.ProgressListener;

/**
 * The command line's progress bar, for its two long waits: downloading a model (it hears the zoo as a
 * {@link ProgressListener}) and evaluating a data set (it hears the evaluation as an
 * {@link EvaluationProgress}). On a terminal it redraws one line in place, at most five times a second:
 *
 * <pre>
 * resnet50-v1-7.tar.gz [=============&gt;                ]  45%  41.0/91.0 MiB  5.2 MiB/s  0:10 left
 * [=========&gt;                    ] 30/100 images  0.50 s/image  ETA 35s</pre>
 *
 * <p>When the output goes to a file or a CI log, where carriage returns would pile up, it prints a plain
 * line at every tenth of the work instead (downloads of unknown size: every 10 MiB; evaluations: also
 * at least every 30 seconds). One bar shows one piece of work at a time.
 */
final class ProgressBar implements ProgressListener, EvaluationProgress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LOG_LINE_NANOS = 30_000_000_000L;
  private static final double MIB = 1024.0 * 1024.0;
  private static final long UNKNOWN_SIZE_STEP = 10L * 1024 * 1024;
  private static final long NEVER = Long.MIN_VALUE;

  private final PrintWriter out;
  private final boolean interactive;
  private final LongSupplier clock;

  // The line on screen: how wide the bar last drawn is (0: none is on the line) and when it was drawn.
  private int drawnWidth;
  private long lastDraw = NEVER;
  private long startNanos;

  // A download.
  private String fileName = "";
  private long startBytes;
  private long bytes;
  private long totalBytes = -1;
  private long nextReport;

  // An evaluation.
  private int startImages;
  private int lastTenth = -1;

  /**
   * @param out where to print (the command's standard error, so that standard output stays clean)
   * @param interactive true to redraw one line in place, false for occasional plain lines
   * @param clock nanoseconds ({@code System::nanoTime}; replaceable for tests)
   */
  ProgressBar(PrintWriter out, boolean interactive, LongSupplier clock) {
    this.out = out;
    this.interactive = interactive;
    this.clock = clock;
  }

  /**
   * A bar on {@code err}, drawn in place when the program runs in a terminal. ({@link System#console()}
   * is null when input or output is redirected, as in pipes, CI jobs and IDE consoles that do not
   * handle carriage returns well.)
   */
  static ProgressBar forStderr(PrintWriter err) {
    return new ProgressBar(err, System.console() != null, System::nanoTime);
  }

  // ---- downloads

  @Override
  public synchronized void started(String fileName, long totalBytes, long resumedFrom) {
    this.fileName = fileName;
    this.totalBytes = totalBytes;
    startNanos = clock.getAsLong();
    startBytes = resumedFrom;
    bytes = resumedFrom;
    lastDraw = NEVER;
    drawnWidth = 0;
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
    bytes = bytesDone;
    this.totalBytes = totalBytes;
    long now = clock.getAsLong();
    if (interactive) {
      if (redrawDue(now) || bytesDone == totalBytes) {
        redraw(downloadLine(now), now);
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
    long now = clock.getAsLong();
    if (interactive && (drawnWidth > 0 || success)) {
      redraw(downloadLine(now), now);
      endBarLine();
    }
    double seconds = (now - startNanos) / 1e9;
    out.println(success
        ? fileName + ": downloaded " + mib(bytes - startBytes) + " MiB in " + clockTime(seconds)
        : fileName + ": stopped at " + mib(bytes) + (totalBytes > 0 ? " of " + mib(totalBytes) : "") + " MiB");
    out.flush();
    drawnWidth = 0;
  }

  @Override
  public synchronized void note(String message) {
    if (drawnWidth > 0) {
      out.print("\r" + " ".repeat(drawnWidth) + "\r");
      drawnWidth = 0;
      lastDraw = NEVER; // redraw the bar on the next update, below the note
    }
    out.println(message);
    out.flush();
  }

  // ---- evaluations

  @Override
  public synchronized void started(int total, int alreadyDone) {
    startNanos = clock.getAsLong();
    startImages = alreadyDone;
    lastDraw = startNanos;
    drawnWidth = 0;
    if (alreadyDone > 0) {
      out.println("resuming: " + alreadyDone + " of " + total + " images were already evaluated");
    }
    lastTenth = total == 0 ? 10 : alreadyDone * 10 / total;
    out.flush();
  }

  @Override
  public synchronized void advanced(int done, int total) {
    long now = clock.getAsLong();
    if (interactive) {
      if (drawnWidth == 0 || redrawDue(now) || done == total) {
        redraw(evaluationLine(done, total, now), now);
      }
    } else {
      int tenth = done * 10 / Math.max(1, total);
      if (tenth > lastTenth || now - lastDraw >= LOG_LINE_NANOS || done == total) {
        out.println(evaluationLine(done, total, now));
        lastTenth = tenth;
        lastDraw = now;
      }
    }
    out.flush();
  }

  @Override
  public synchronized void finished() {
    endBarLine();
    out.flush();
  }

  // ---- optimisations (feature visualisation)

  /**
   * Optimisation steps, with the current objective value: on a terminal redrawn in place, in a log one
   * line per tenth of the steps. Call {@link #started(int, int)} first and {@link #finished()} last.
   */
  synchronized void stepped(int done, int total, double objective) {
    long now = clock.getAsLong();
    String line = stepLine(done, total, objective, now);
    if (interactive) {
      if (drawnWidth == 0 || redrawDue(now) || done == total) {
        redraw(line, now);
      }
    } else {
      int tenth = done * 10 / Math.max(1, total);
      if (tenth > lastTenth || done == total) {
        out.println(line);
        lastTenth = tenth;
        lastDraw = now;
      }
    }
    out.flush();
  }

  private String stepLine(int done, int total, double objective, long now) {
    StringBuilder line = new StringBuilder(bar(done, total)).append(' ').append(done).append('/').append(total)
        .append(" steps");
    if (!Double.isNaN(objective)) {
      line.append(String.format(Locale.ROOT, "  objective %.4g", objective));
    }
    double seconds = (now - startNanos) / 1e9;
    if (done > 0 && seconds > 0) {
      double perStep = seconds / done;
      line.append(String.format(Locale.ROOT, "  %.2f s/step  ETA %s", perStep, duration(perStep * (total - done))));
    }
    return line.toString();
  }

  // ---- drawing

  private boolean redrawDue(long now) {
    return lastDraw == NEVER || now - lastDraw >= REDRAW_NANOS;
  }

  /** Draws {@code line} over the bar on screen, padded with spaces so that a shorter line covers it. */
  private void redraw(String line, long now) {
    out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
    out.flush();
    drawnWidth = line.length();
    lastDraw = now;
  }

  /** Leaves the bar on screen as it is and moves below it. */
  private void endBarLine() {
    if (drawnWidth > 0) {
      out.println();
      drawnWidth = 0;
    }
  }

  private String downloadLine(long now) {
    StringBuilder line = new StringBuilder(fileName).append(' ');
    if (totalBytes > 0) {
      line.append(bar(bytes, totalBytes)).append(' ')
          .append(String.format(Locale.ROOT, "%3d%%", percent(bytes, totalBytes)))
          .append(String.format(Locale.ROOT, "  %s/%s MiB", mib(bytes), mib(totalBytes)));
    } else {
      line.append(mib(bytes)).append(" MiB");
    }
    double seconds = (now - startNanos) / 1e9;
    if (seconds > 0.5 && bytes > startBytes) {
      double rate = (bytes - startBytes) / seconds;
      line.append(String.format(Locale.ROOT, "  %.1f MiB/s", rate / MIB));
      if (totalBytes > 0 && bytes < totalBytes) {
        line.append("  ").append(clockTime((totalBytes - bytes) / rate)).append(" left");
      }
    }
    return line.toString();
  }

  private String evaluationLine(int done, int total, long now) {
    StringBuilder line = new StringBuilder(bar(done, total));
    line.append(' ').append(done).append('/').append(total).append(" images");
    int computed = done - startImages;
    double seconds = (now - startNanos) / 1e9;
    if (computed > 0 && seconds > 0) {
      double perImage = seconds / computed;
      line.append(String.format(Locale.ROOT, "  %.2f s/image  ETA %s", perImage, duration(perImage * (total - done))));
    }
    return line.toString();
  }

  /** {@code [=====>    ]}: the done part as '=', then '>' unless complete (or when there is nothing to do). */
  private static String bar(long done, long total) {
    int filled = total <= 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
    StringBuilder bar = new StringBuilder(WIDTH + 2).append('[').append("=".repeat(filled));
    if (filled < WIDTH) {
      bar.append('>').append(" ".repeat(WIDTH - filled - 1));
    }
    return bar.append(']').toString();
  }

  private long nextReportAfter(long done) {
    if (totalBytes > 0) {
      long tenth = Math.max(1, totalBytes / 10);
      return (done / tenth + 1) * tenth;
    }
    return (done / UNKNOWN_SIZE_STEP + 1) * UNKNOWN_SIZE_STEP;
  }

  private static int percent(long done, long total) {
    return (int) Math.min(100, done * 100 / total);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / MIB);
  }

  /** Evaluation times, short: "42s", "2m05s", "2h02m". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m" + String.format(Locale.ROOT, "%02d", s % 60) + "s";
    }
    return s / 3600 + "h" + String.format(Locale.ROOT, "%02d", s % 3600 / 60) + "m";
  }

  /** Download times as a clock, as download tools show them: "0:10", "1:02:03". */
  static String clockTime(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }
}
