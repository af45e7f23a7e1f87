package org.gradcam4j.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {
  @Test
  void sumsEachPhaseInTheOrderTheyFirstRan() {
    PhaseTimes t = new PhaseTimes();
    t.add("probe", TimeUnit.MILLISECONDS.toNanos(30));
    t.add("compile", TimeUnit.MILLISECONDS.toNanos(5));
    t.add("probe", TimeUnit.MILLISECONDS.toNanos(12));
    assertThat(t.millis()).containsExactly(java.util.Map.entry("probe", 42.0), java.util.Map.entry("compile", 5.0));
    assertThat(t.counts()).containsEntry("probe", 2L).containsEntry("compile", 1L);
  }

  @Test
  void aTimedPhaseCountsEvenWhenItFails() {
    PhaseTimes t = new PhaseTimes();
    assertThat(t.time("ok", () -> 7)).isEqualTo(7);
    assertThatThrownBy(() -> t.time("broken", () -> {
      throw new IllegalStateException("no");
    })).hasMessage("no");
    assertThat(t.counts()).containsEntry("ok", 1L).containsEntry("broken", 1L);
  }

  @Test
  void aRuntimeRecordsItsPreparationPhases() {
    try (ModelRuntime runtime = new ModelRuntime(TinyClassifier.model(), 1)) {
      runtime.shapes(new long[] {1, 3, 8, 8});
      assertThat(runtime.phases().millis()).containsKeys("prepare model", "probe shapes");
      assertThat(runtime.phases().counts()).containsEntry("probe shapes", 1L);
      runtime.shapes(new long[] {1, 3, 8, 8});
      assertThat(runtime.phases().counts()).as("shapes are cached").containsEntry("probe shapes", 1L);
    }
  }
}
