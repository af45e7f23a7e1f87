package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar of downloads and of evaluations, on a terminal and in a log. */
class ProgressBarTest {
  private final StringWriter text = new StringWriter();
  private long now;

  private ProgressBar bar(boolean interactive) {
    return new ProgressBar(new PrintWriter(text), interactive, () -> now);
  }

  // ---- downloads

  @Test
  void aDownloadOnATerminalRedrawsOneLineAtMostFiveTimesASecond() {
    ProgressBar bar = bar(true);
    long total = 10L * 1024 * 1024;
    bar.started("m.onnx", total, 0);
    for (int i = 1; i <= 1000; i++) {
      now += 1_000_000; // 1 ms per update: one second in all
      bar.progress(total * i / 1000, total);
    }
    bar.finished(true);
    String out = text.toString();

    // the first update, four more in the second, the last byte, and the final state
    long redraws = out.chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(5L, 8L);
    assertThat(out).contains("m.onnx [").contains("100%").contains("10.0/10.0 MiB").contains("MiB/s");
    assertThat(out.chars().filter(c -> c == '\n').count()).as("line feeds").isEqualTo(2); // bar, then summary
    assertThat(out).endsWith("m.onnx: downloaded 10.0 MiB in 0:01" + System.lineSeparator());
  }

  @Test
  void aDownloadInALogPrintsAPlainLineEveryTenth() {
    ProgressBar bar = bar(false);
    long total = 1_000_000;
    bar.started("m.onnx", total, 0);
    for (long done = 997; done < total; done += 997) {
      bar.progress(done, total);
    }
    bar.progress(total, total);
    bar.finished(true);
    String out = text.toString();

    assertThat(out).doesNotContain("\r");
    assertThat(out.lines()).filteredOn(l -> l.contains("%")).hasSize(9)
        .first().asString().startsWith("m.onnx: 10% (");
    assertThat(out.lines().findFirst()).contains("Downloading m.onnx (1.0 MiB)");
  }

  @Test
  void aResumedDownloadSaysWhereItContinuesAndAnUnknownSizeStillReports() {
    ProgressBar bar = bar(false);
    bar.started("a.bin", 4L << 20, 3L << 20);
    bar.finished(false);
    bar.started("b.bin", -1, 0);
    bar.progress(25L << 20, -1);
    String out = text.toString();

    assertThat(out).contains("Resuming the download of a.bin (4.0 MiB) at 3.0 MiB");
    assertThat(out).contains("a.bin: stopped at 3.0 of 4.0 MiB");
    assertThat(out).contains("b.bin: 25.0 MiB");
  }

  @Test
  void aNoteClearsTheBarLineFirst() {
    ProgressBar bar = bar(true);
    bar.started("m.onnx", 100, 0);
    bar.progress(50, 100);
    bar.note("Waiting for another download");
    String out = text.toString();

    int note = out.indexOf("Waiting");
    // The bar, then a carriage return, spaces over the whole bar, and a carriage return.
    assertThat(out.substring(0, note)).contains("50%").matches("(?s).*\\r +\\r");
  }

  // ---- evaluations

  @Test
  void anEvaluationInALogPrintsALineEveryTenthAndTheEnd() {
    ProgressBar bar = bar(false);
    bar.started(100, 20);
    for (int done = 21; done <= 100; done++) {
      now += 500_000_000L; // half a second per image
      bar.advanced(done, 100);
    }
    bar.finished();
    String[] lines = text.toString().split("\n");
    assertThat(lines[0]).isEqualTo("resuming: 20 of 100 images were already evaluated");
    // 30 %, 40 %, ... 100 %: one line each, no carriage returns.
    assertThat(lines).hasSize(1 + 8);
    assertThat(text.toString()).doesNotContain("\r");
    assertThat(lines[1]).startsWith("[=========>").contains("30/100 images").contains("0.50 s/image").contains("ETA 35s");
    assertThat(lines[8]).startsWith("[==============================]").contains("100/100 images").contains("ETA 0s");
  }

  @Test
  void anEvaluationInALogPrintsALineAtLeastEveryThirtySeconds() {
    ProgressBar bar = bar(false);
    bar.started(1000, 0);
    for (int done = 1; done <= 10; done++) {
      now += 10_000_000_000L; // ten seconds per image: no tenth is reached
      bar.advanced(done, 1000);
    }
    assertThat(text.toString().lines()).hasSize(3).last().asString().contains("9/1000 images");
  }

  @Test
  void anEvaluationOnATerminalRedrawsInPlaceAtMostFiveTimesASecond() {
    ProgressBar bar = bar(true);
    bar.started(1000, 0);
    for (int done = 1; done <= 1000; done++) {
      now += 10_000_000L; // 10 ms per image: 10 s in all
      bar.advanced(done, 1000);
    }
    bar.finished();
    String out = text.toString();
    long redraws = out.chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(45L, 55L);
    assertThat(out).endsWith("1000/1000 images  0.01 s/image  ETA 0s\n");
  }

  @Test
  void aShorterLineCoversTheLongerOneBeforeIt() {
    ProgressBar bar = bar(true);
    bar.started(10, 0);
    now += 10_000_000_000L;
    bar.advanced(1, 10); // 10 s/image, ETA 1m30s
    now += 80_000_000_000L;
    bar.advanced(9, 10); // ETA 10s: two characters shorter
    String[] draws = text.toString().split("\r");

    assertThat(draws[1]).endsWith("ETA 1m30s");
    assertThat(draws[2]).endsWith("ETA 10s  ").hasSize(draws[1].length());
  }

  @Test
  void durationsAreShort() {
    assertThat(ProgressBar.duration(42)).isEqualTo("42s");
    assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
    assertThat(ProgressBar.duration(7322)).isEqualTo("2h02m");
    assertThat(ProgressBar.clockTime(70)).isEqualTo("1:10");
    assertThat(ProgressBar.clockTime(3723)).isEqualTo("1:02:03");
  }
}
