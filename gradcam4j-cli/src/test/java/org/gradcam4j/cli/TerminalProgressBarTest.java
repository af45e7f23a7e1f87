package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TerminalProgressBarTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong clock = new AtomicLong();

  @Test
  void onATerminalItRedrawsOneLineAtMostTenTimesASecond() {
    TerminalProgressBar bar = new TerminalProgressBar(out, true, clock::get);
    long total = 10L * 1024 * 1024;
    bar.started("m.onnx", total, 0);
    for (int i = 1; i <= 1000; i++) {
      clock.addAndGet(1_000_000); // 1 ms per update: one second in all
      bar.progress(total * i / 1000, total);
    }
    bar.finished(true);
    String text = text();

    long redraws = text.chars().filter(c -> c == '\r').count();
    assertThat(redraws).isBetween(5L, 15L);
    assertThat(text).contains("m.onnx [").contains("100%").contains("10.0/10.0 MiB").contains("MiB/s");
    assertThat(text.chars().filter(c -> c == '\n').count()).as("line feeds").isEqualTo(2); // bar, then summary
    assertThat(text).endsWith("m.onnx: downloaded 10.0 MiB in 0:01" + System.lineSeparator());
  }

  @Test
  void inALogItPrintsAPlainLineEveryTenth() {
    TerminalProgressBar bar = new TerminalProgressBar(out, false, clock::get);
    long total = 1_000_000;
    bar.started("m.onnx", total, 0);
    for (long done = 997; done < total; done += 997) {
      bar.progress(done, total);
    }
    bar.progress(total, total);
    bar.finished(true);
    String text = text();

    assertThat(text).doesNotContain("\r");
    assertThat(text.lines()).filteredOn(l -> l.contains("%")).hasSize(9)
        .first().asString().startsWith("m.onnx: 10% (");
    assertThat(text.lines().findFirst()).contains("Downloading m.onnx (1.0 MiB)");
  }

  @Test
  void aResumedDownloadSaysWhereItContinuesAndAnUnknownSizeStillReports() {
    TerminalProgressBar bar = new TerminalProgressBar(out, false, clock::get);
    bar.started("a.bin", 4L << 20, 3L << 20);
    bar.finished(false);
    bar.started("b.bin", -1, 0);
    bar.progress(25L << 20, -1);
    String text = text();

    assertThat(text).contains("Resuming the download of a.bin (4.0 MiB) at 3.0 MiB");
    assertThat(text).contains("a.bin: stopped at 3.0 of 4.0 MiB");
    assertThat(text).contains("b.bin: 25.0 MiB");
  }

  @Test
  void aNoteClearsTheBarLineFirst() {
    TerminalProgressBar bar = new TerminalProgressBar(out, true, clock::get);
    bar.started("m.onnx", 100, 0);
    bar.progress(50, 100);
    bar.note("Waiting for another download");
    String text = text();

    int note = text.indexOf("Waiting");
    // The bar, then a carriage return, spaces over the whole bar, and a carriage return.
    assertThat(text.substring(0, note)).contains("50%").matches("(?s).*\\r +\\r");
  }

  private String text() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
