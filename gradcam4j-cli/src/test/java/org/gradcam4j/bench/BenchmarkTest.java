package org.gradcam4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the benchmark schedules its runs (no speed is asserted). */
class BenchmarkTest {
  @Test
  void throughputAlternatesEachMethodRunWithAsManyPlainForwardPasses() {
    List<String> calls = new ArrayList<>();
    Benchmark.Throughput t = Benchmark.throughput(() -> calls.add("method"), 70, () -> calls.add("plain"), 32, 2);
    // 70 forward passes = 3 plain batches of 32 (rounded up), after each of the 2 method runs.
    assertThat(calls).containsExactly("method", "plain", "plain", "plain", "method", "plain", "plain", "plain");
    assertThat(t.methodPerSecond()).isPositive();
    assertThat(t.plainPerSecond()).isPositive();
    assertThat(t.ratio()).isPositive();
  }
}
