package org.gradcam4j.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the time of a model's preparation went: the wall time spent in each named phase (preparing
 * the graph, probing shapes, compiling gradient graphs, creating ONNX Runtime sessions), summed over
 * every time the phase ran. A single explanation of one image is mostly this start-up cost, so
 * {@code explain --timings} prints it. Safe to use from several threads at once.
 */
public final class PhaseTimes {
  private final Map<String, long[]> phases = new LinkedHashMap<>();

  /** Runs {@code work} and adds its wall time to {@code phase}. */
  public <T> T time(String phase, Supplier<T> work) {
    long t0 = System.nanoTime();
    try {
      return work.get();
    } finally {
      add(phase, System.nanoTime() - t0);
    }
  }

  public synchronized void add(String phase, long nanos) {
    long[] entry = phases.computeIfAbsent(phase, p -> new long[2]);
    entry[0] += nanos;
    entry[1]++;
  }

  /** Milliseconds per phase, in the order the phases first ran. */
  public synchronized Map<String, Double> millis() {
    Map<String, Double> out = new LinkedHashMap<>();
    phases.forEach((p, e) -> out.put(p, e[0] / 1e6));
    return out;
  }

  /** How many times each phase ran (e.g. one compilation per method group and batch size). */
  public synchronized Map<String, Long> counts() {
    Map<String, Long> out = new LinkedHashMap<>();
    phases.forEach((p, e) -> out.put(p, e[1]));
    return out;
  }
}
