package org.gradcam4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
  private long now;

  @Test
  void withoutATerminalItPrintsALineEveryTenthAndTheEnd() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), false, () -> now);
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
  void onATerminalItRedrawsInPlaceAtMostFiveTimesASecond() {
    StringWriter text = new StringWriter();
    ProgressBar bar = new ProgressBar(new PrintWriter(text), true, () -> now);
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
  void durationsAreShort() {
    assertThat(ProgressBar.duration(42)).isEqualTo("42s");
    assertThat(ProgressBar.duration(125)).isEqualTo("2m05s");
    assertThat(ProgressBar.duration(7322)).isEqualTo("2h02m");
  }
}
