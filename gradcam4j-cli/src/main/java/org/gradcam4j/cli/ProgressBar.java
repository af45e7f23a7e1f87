package org.gradcam4j.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.gradcam4j.eval.run.EvaluationProgress;

/**
 * Shows an evaluation's progress on stderr: a bar redrawn in place on a terminal, or, when stderr is
 * a file or a pipe (where carriage returns would pile up), a plain line at every tenth of the work
 * and at least every 30 seconds.
 */
final class ProgressBar implements EvaluationProgress {
  private static final int WIDTH = 30;
  private static final long REDRAW_NANOS = 200_000_000L;
  private static final long LINE_NANOS = 30_000_000_000L;

  private final PrintWriter err;
  private final boolean interactive;
  private final LongSupplier clock;
  private long startNanos;
  private int startDone;
  private long lastDraw;
  private int lastTenth = -1;
  private boolean drawn;

  ProgressBar(PrintWriter err, boolean interactive, LongSupplier clock) {
    this.err = err;
    this.interactive = interactive;
    this.clock = clock;
  }

  /** A bar for the command's stderr; interactive when the JVM has a console. */
  static ProgressBar forStderr(PrintWriter err) {
    return new ProgressBar(err, System.console() != null, System::nanoTime);
  }

  @Override
  public void started(int total, int alreadyDone) {
    startNanos = clock.getAsLong();
    startDone = alreadyDone;
    lastDraw = startNanos;
    if (alreadyDone > 0) {
      err.println("resuming: " + alreadyDone + " of " + total + " images were already evaluated");
    }
    lastTenth = total == 0 ? 10 : alreadyDone * 10 / total;
    err.flush();
  }

  @Override
  public void advanced(int done, int total) {
    long now = clock.getAsLong();
    if (interactive) {
      if (now - lastDraw >= REDRAW_NANOS || done == total || !drawn) {
        err.print("\r" + line(done, total, now));
        drawn = true;
        lastDraw = now;
      }
    } else {
      int tenth = done * 10 / Math.max(1, total);
      if (tenth > lastTenth || now - lastDraw >= LINE_NANOS || done == total) {
        err.println(line(done, total, now));
        lastTenth = tenth;
        lastDraw = now;
      }
    }
    err.flush();
  }

  @Override
  public void finished() {
    if (interactive && drawn) {
      err.println();
      err.flush();
    }
  }

  String line(int done, int total, long now) {
    int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
    StringBuilder bar = new StringBuilder("[");
    for (int i = 0; i < WIDTH; i++) {
      bar.append(i < filled ? '=' : i == filled ? '>' : ' ');
    }
    bar.append("] ").append(done).append('/').append(total).append(" images");
    int computed = done - startDone;
    double seconds = (now - startNanos) / 1e9;
    if (computed > 0 && seconds > 0) {
      double perImage = seconds / computed;
      bar.append(String.format(Locale.ROOT, "  %.2f s/image  ETA %s", perImage, duration(perImage * (total - done))));
    }
    return bar.toString();
  }

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
}
